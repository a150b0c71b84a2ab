using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chat.Server.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ChatMessageId",
                table: "EmailMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "EmailMessages",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "EmailMessages",
                type: "TEXT",
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
