using System.Text;
using McpSentinel.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage;

/// <summary>The server's database. One subclass per provider (<see cref="SqliteSentinelDb"/>,
/// <see cref="PostgresSentinelDb"/>) because EF keeps one migration history per context type.
/// Table and column names are snake_case on both.</summary>
public abstract class SentinelDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<ProjectEntity> Projects => Set<ProjectEntity>();
    public DbSet<ScanEntity> Scans => Set<ScanEntity>();
    public DbSet<FindingEntity> Findings => Set<FindingEntity>();
    public DbSet<TriageEntity> Triage => Set<TriageEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<AuditEntity> Audit => Set<AuditEntity>();
    public DbSet<WebhookEntity> Webhooks => Set<WebhookEntity>();
    public DbSet<WebhookDeliveryEntity> WebhookDeliveries => Set<WebhookDeliveryEntity>();
    public DbSet<ServerEntity> Servers => Set<ServerEntity>();
    public DbSet<ServerSightingEntity> ServerSightings => Set<ServerSightingEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectEntity>(e =>
        {
            e.ToTable("projects");
            e.HasIndex(p => p.Name).IsUnique();
            e.Property(p => p.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<ScanEntity>(e =>
        {
            e.ToTable("scans");
            e.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.ProjectId, s.CreatedAt });
            e.HasIndex(s => s.Status);
            e.Property(s => s.Status).HasMaxLength(16);
            e.Property(s => s.SourceKind).HasMaxLength(16);
        });
        modelBuilder.Entity<FindingEntity>(e =>
        {
            e.ToTable("findings");
            e.HasOne<ScanEntity>().WithMany().HasForeignKey(f => f.ScanId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => new { f.ScanId, f.Fingerprint }).IsUnique();
            e.HasIndex(f => new { f.ProjectId, f.Fingerprint });
            e.HasIndex(f => new { f.ScanId, f.Severity });
        });
        modelBuilder.Entity<TriageEntity>(e =>
        {
            e.ToTable("triage");
            e.HasOne<ProjectEntity>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.ProjectId, t.Fingerprint }).IsUnique();
            e.Property(t => t.State).HasMaxLength(32);
        });
        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.Prefix).IsUnique();
            e.Property(k => k.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<AuditEntity>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<WebhookEntity>(e => e.ToTable("webhooks"));
        modelBuilder.Entity<WebhookDeliveryEntity>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasOne<WebhookEntity>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        });
        modelBuilder.Entity<ServerEntity>(e =>
        {
            e.ToTable("servers");
            e.HasOne<ProjectEntity>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.ProjectId, s.Identity }).IsUnique();
            e.HasIndex(s => s.Name);
            e.Property(s => s.Origin).HasMaxLength(16);
            e.Property(s => s.Transport).HasMaxLength(16);
        });
        modelBuilder.Entity<ServerSightingEntity>(e =>
        {
            e.ToTable("server_sightings");
            e.HasKey(s => new { s.ServerId, s.ScanId });
            e.HasOne<ServerEntity>().WithMany().HasForeignKey(s => s.ServerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ScanEntity>().WithMany().HasForeignKey(s => s.ScanId).OnDelete(DeleteBehavior.Cascade);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
            foreach (var key in entity.GetKeys()) key.SetName(SnakeCase(key.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(SnakeCase(fk.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(SnakeCase(index.GetDatabaseName() ?? ""));
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
