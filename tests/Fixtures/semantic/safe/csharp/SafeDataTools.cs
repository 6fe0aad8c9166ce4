using System.ComponentModel;
using System.Text.Json;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol.Server;
using Newtonsoft.Json;

namespace DataServer;

[McpServerToolType]
public sealed class SafeDataTools(AppDbContext db, SqlConnection connection)
{
    [McpServerTool, Description("Find a user.")]
    public async Task<int> FindUser(string name)
    {
        using var command = new SqlCommand("SELECT COUNT(*) FROM Users WHERE Name = @name", connection);
        command.Parameters.AddWithValue("@name", name);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [McpServerTool, Description("Search products.")]
    public List<Product> Search(string term) =>
        db.Products.FromSqlInterpolated($"SELECT * FROM Products WHERE Name LIKE {term}").ToList();

    [McpServerTool, Description("Delete an order.")]
    public int DeleteOrder(string id) => db.Database.ExecuteSqlRaw("DELETE FROM Orders WHERE Id = {0}", id);

    [McpServerTool, Description("Orders of a customer.")]
    public Task<IEnumerable<Order>> Orders(string customer) =>
        connection.QueryAsync<Order>("SELECT * FROM Orders WHERE Customer = @Customer", new { Customer = customer });

    [McpServerTool, Description("Parse a settings document.")]
    public Settings? Parse(string json) => JsonConvert.DeserializeObject<Settings>(json);

    [McpServerTool, Description("Parse with System.Text.Json.")]
    public Settings? ParseStj(string json) => System.Text.Json.JsonSerializer.Deserialize<Settings>(json);
}
