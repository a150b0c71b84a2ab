using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Pipeline;
using FluentValidation;

namespace Chat.Server.Handoff;

/// <summary>The field rules the handoff forms share. Field names are the JSON names the widget uses.</summary>
public static class HandoffRules
{
    public static void ClientRequestId<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, Guid>> field) =>
        v.RuleFor(field).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("clientRequestId must be a non-empty id made by the client.")
            .OverridePropertyName("clientRequestId");

    public static void Account<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> field, Func<T, bool> required) =>
        v.RuleFor(field).Cascade(CascadeMode.Stop)
            .Must((r, a) => !required(r) || !string.IsNullOrWhiteSpace(a)).WithErrorCode(ErrorCodes.AccountRequired).WithMessage("Give the account's name or ID.")
            .Must(a => a is null || a.Trim().Length <= 100).WithErrorCode(ErrorCodes.AccountTooLong).WithMessage("The account's name or ID is longer than 100 characters.")
            .Must(a => !IsSuspect(a)).WithErrorCode(ErrorCodes.InvalidCharacters).WithMessage("The account's name or ID holds control characters or markup.")
            .OverridePropertyName("accountNameOrId");

    public static void Phone<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> field, Func<string> region) =>
        v.RuleFor(field).Cascade(CascadeMode.Stop)
            .Must(p => !IsSuspect(p)).WithErrorCode(ErrorCodes.InvalidCharacters).WithMessage("The phone number holds control characters or markup.")
            .Must(p => string.IsNullOrWhiteSpace(p) || AccountKeys.NormalisePhone(p, region()) is not null).WithErrorCode(ErrorCodes.InvalidPhone)
            .WithMessage("The phone number does not parse; give it with the country code, such as +7 916 123-45-67.")
            .OverridePropertyName("phone");

    public static void Email<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> field) =>
        v.RuleFor(field).Cascade(CascadeMode.Stop)
            .Must(e => !IsSuspect(e)).WithErrorCode(ErrorCodes.InvalidCharacters).WithMessage("The e-mail address holds control characters or markup.")
            .Must(e => string.IsNullOrWhiteSpace(e) || AccountKeys.NormaliseEmail(e) is not null).WithErrorCode(ErrorCodes.InvalidEmail)
            .WithMessage("The e-mail address is not valid.")
            .OverridePropertyName("email");

    /// <summary>A topic is free text: markup is kept as text (clients never render it as HTML), control characters are refused.</summary>
    public static void Topic<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> field) =>
        v.RuleFor(field).Cascade(CascadeMode.Stop)
            .Must(t => !TextRules.HasInvisibleControls(t, multiLine: false)).WithErrorCode(ErrorCodes.InvalidCharacters).WithMessage("The topic holds control characters.")
            .Must(t => t is null || t.Trim().Length <= 200).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The topic is longer than 200 characters.")
            .OverridePropertyName("topic");

    /// <summary>The trimmed text, or null when nothing is left.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsSuspect(string? text) => ImportRows.HasControlOrMarkup(text);
}
