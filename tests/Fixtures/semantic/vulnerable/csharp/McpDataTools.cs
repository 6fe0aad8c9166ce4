using System.ComponentModel;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol.Server;

namespace DataServer;

[McpServerToolType]
public sealed class DataTools(AppDbContext db, SqlConnection connection, HttpClient httpClient)
{
    [McpServerTool, Description("Find users by name.")]
    public async Task<int> FindUser(string name)
    {
        using var command = new SqlCommand($"SELECT COUNT(*) FROM Users WHERE Name = '{name}'", connection); // EXPECT: MCP-TAINT-SQL-001
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [McpServerTool, Description("Delete an order.")]
    public int DeleteOrder(string id) =>
        db.Database.ExecuteSqlRaw("DELETE FROM Orders WHERE Id = " + id); // EXPECT: MCP-TAINT-SQL-001

    [McpServerTool, Description("Search products.")]
    public List<Product> Search(string term) =>
        db.Products.FromSqlRaw($"SELECT * FROM Products WHERE Name LIKE '%{term}%'").ToList(); // EXPECT: MCP-TAINT-SQL-001

    [McpServerTool, Description("Orders of a customer.")]
    public async Task<IEnumerable<Order>> Orders(string customer)
    {
        var sql = "SELECT * FROM Orders WHERE Customer = '" + customer + "'";
        return await connection.QueryAsync<Order>(sql); // EXPECT: MCP-TAINT-SQL-001
    }

    [McpServerTool, Description("Fetch a web page.")]
    public async Task<string> Fetch(string url) =>
        await httpClient.GetStringAsync(url); // EXPECT: MCP-TAINT-SSRF-001

    [McpServerTool, Description("Check a service's status.")]
    public async Task<string> Status(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/status"); // EXPECT: MCP-TAINT-SSRF-001
        using var response = await httpClient.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [McpServerTool, Description("Run a raw command.")]
    public int Raw(string statement)
    {
        using var command = connection.CreateCommand();
        command.CommandText = statement; // EXPECT: MCP-TAINT-SQL-001
        return command.ExecuteNonQuery();
    }
}
