using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chat.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EmailOutgoing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "EmailMessages",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "EmailMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ChatMessageId",
                table: "EmailMessages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "EmailMessages",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "EmailMessages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_ChatMessageId",
                table: "EmailMessages",
                column: "ChatMessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_ChatMessageId",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "ChatMessageId",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "EmailMessages");
        }
    }
}
