using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpSentinel.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServerInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "servers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    launcher = table.Column<string>(type: "TEXT", nullable: true),
                    command = table.Column<string>(type: "TEXT", nullable: true),
                    url = table.Column<string>(type: "TEXT", nullable: true),
                    package = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<string>(type: "TEXT", nullable: true),
                    transport = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    source_file = table.Column<string>(type: "TEXT", nullable: true),
                    source_line = table.Column<int>(type: "INTEGER", nullable: true),
                    surface_hash = table.Column<string>(type: "TEXT", nullable: true),
                    identity_hash = table.Column<string>(type: "TEXT", nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_scan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pinned_identity_hash = table.Column<string>(type: "TEXT", nullable: true),
                    pinned_surface_hash = table.Column<string>(type: "TEXT", nullable: true),
                    pinned_at = table.Column<long>(type: "INTEGER", nullable: true),
                    pinned_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_servers", x => x.id);
                    table.ForeignKey(
                        name: "fk_servers_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "server_sightings",
                columns: table => new
                {
                    server_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_server_sightings", x => new { x.server_id, x.scan_id });
                    table.ForeignKey(
                        name: "fk_server_sightings_scans_scan_id",
                        column: x => x.scan_id,
                        principalTable: "scans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_server_sightings_servers_server_id",
                        column: x => x.server_id,
                        principalTable: "servers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_server_sightings_scan_id",
                table: "server_sightings",
                column: "scan_id");

            migrationBuilder.CreateIndex(
                name: "ix_servers_name",
                table: "servers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_servers_project_id_identity",
                table: "servers",
                columns: new[] { "project_id", "identity" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "server_sightings");

            migrationBuilder.DropTable(
                name: "servers");
        }
    }
}
