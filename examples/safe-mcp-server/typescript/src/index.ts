/**
 * Acme Orders: an MCP server that lets an assistant look after the web shop.
 *
 * This is the hardened counterpart of examples/vulnerable-mcp-server/typescript/src/index.ts:
 * the same tools, written so that a scan with MCP Sentinel reports nothing above severity
 * "low". Configuration and credentials come from environment variables (see .env.example).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import pg from "pg";
import { z } from "zod";

const WORKSPACE_ROOT = path.resolve(process.env.WORKSPACE_ROOT ?? "/srv/shop");
const STRIPE_SECRET_KEY = process.env.STRIPE_SECRET_KEY ?? "";
const SLACK_BOT_TOKEN = process.env.SLACK_BOT_TOKEN ?? "";

// Hosts that fetch_page may contact; everything else is refused.
const ALLOWED_FETCH_HOSTS = new Set(["supplier.acme.example", "docs.acme.example"]);

// A git ref: branch, tag or commit id, without spaces or a leading dash.
const GIT_REF = /^[A-Za-z0-9][A-Za-z0-9._/~^-]{0,99}$/;

// Environment variables that debug_env may show.
const PUBLIC_SETTINGS = ["NODE_ENV", "SHOP_VERSION", "SHOP_REGION", "LOG_LEVEL"];

// Sample ticket text returned by summarize_ticket when DEMO=1.
const DEMO_TICKET = "Order 1042 arrived two weeks late and the box was damaged.";

const db = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: process.env.DATABASE_CA_FILE ? { ca: await fs.readFile(process.env.DATABASE_CA_FILE, "utf8") } : true,
});

const server = new McpServer({ name: "acme-orders", version: "1.4.2" });

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Arithmetic over the named variables with + - * / and parentheses; anything else is rejected. */
function computeFormula(formula: string, vars: Record<string, number>): number {
  const tokens = formula.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/()]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const primary = (): number => {
    const token = next();
    if (token === undefined) throw new Error("unexpected end of formula");
    if (token === "(") {
      const value = sum();
      if (next() !== ")") throw new Error("missing )");
      return value;
    }
    if (token === "-") return -primary();
    if (/^\d/.test(token)) return Number(token);
    if (Object.hasOwn(vars, token)) return vars[token];
    throw new Error(`unknown token '${token}'`);
  };
  const product = (): number => {
    let value = primary();
    while (peek() === "*" || peek() === "/") value = next() === "*" ? value * primary() : value / primary();
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === "+" || peek() === "-") value = next() === "+" ? value + product() : value - product();
    return value;
  };
  const result = sum();
  if (pos !== tokens.length) throw new Error("unexpected text after the formula");
  return result;
}

server.tool(
  "git_history",
  "Show the recent commits of the shop's repository for a branch or tag.",
  { ref: z.string().regex(GIT_REF).describe("Branch, tag or commit") },
  async ({ ref }) => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile("git", ["log", "--oneline", "-n", "20", ref, "--"], { cwd: WORKSPACE_ROOT }, (error, stdout, stderr) => {
        if (error) reject(new Error(stderr || error.message));
        else resolve(stdout);
      });
    });
    return text(output);
  },
);

server.tool(
  "evaluate_formula",
  "Evaluate a pricing formula such as 'price * 0.9' against an order row.",
  { formula: z.string().max(200), price: z.number(), quantity: z.number() },
  async ({ formula, price, quantity }) => text(String(computeFormula(formula, { price, quantity }))),
);

server.tool(
  "read_file",
  "Read a file from the shop workspace, e.g. 'config/shipping.json'.",
  { path: z.string() },
  async ({ path: requested }) => {
    const target = path.resolve(WORKSPACE_ROOT, requested);
    const relative = path.relative(WORKSPACE_ROOT, target);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new Error("path is outside the shop workspace");
    }
    return text(await fs.readFile(target, "utf8"));
  },
);

server.tool(
  "fetch_page",
  "Fetch a page from an approved supplier or documentation host and return its text.",
  { url: z.string().url() },
  async ({ url }) => {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" || !ALLOWED_FETCH_HOSTS.has(parsed.hostname)) {
      throw new Error(`only https URLs on ${[...ALLOWED_FETCH_HOSTS].join(", ")} can be fetched`);
    }
    const response = await fetch(parsed, { redirect: "error" });
    return text((await response.text()).slice(0, 20_000));
  },
);

server.tool(
  "get_order",
  "Look up an order by its numeric id.",
  { id: z.string().regex(/^\d{1,12}$/) },
  async ({ id }) => {
    const result = await db.query("SELECT id, customer, status, total FROM orders WHERE id = $1", [id]);
    return text(JSON.stringify(result.rows));
  },
);

server.tool(
  "refund_order",
  "Refund a card payment through Stripe.",
  { paymentIntent: z.string().regex(/^pi_\w+$/), amountCents: z.number().int().positive() },
  async ({ paymentIntent, amountCents }) => {
    if (!STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not configured");
    const response = await fetch("https://api.stripe.com/v1/refunds", {
      method: "POST",
      headers: { Authorization: `Bearer ${STRIPE_SECRET_KEY}` },
      body: new URLSearchParams({ payment_intent: paymentIntent, amount: String(amountCents) }),
    });
    return text(`Stripe answered HTTP ${response.status}`);
  },
);

server.tool(
  "create_share_link",
  "Create a link that lets a customer view an invoice without logging in.",
  { invoiceId: z.string().regex(/^\d{1,12}$/) },
  async ({ invoiceId }) => {
    const token = randomBytes(32).toString("hex");
    await db.query("INSERT INTO share_links (invoice_id, token) VALUES ($1, $2)", [invoiceId, token]);
    return text(`https://shop.acme.example/invoices/${invoiceId}?token=${token}`);
  },
);

server.tool(
  "aws_profile",
  "Show which AWS account and region the shop's deployment tooling is configured for.",
  {},
  async () => text(JSON.stringify({ profile: process.env.AWS_PROFILE ?? "default", region: process.env.AWS_REGION ?? "" })),
);

server.tool(
  "debug_env",
  "Print the non-secret server settings to help debug deployment problems.",
  {},
  async () => text(JSON.stringify(Object.fromEntries(PUBLIC_SETTINGS.map((name) => [name, process.env[name] ?? ""])), null, 2)),
);

server.tool(
  "render_review",
  "Render a customer review as an HTML snippet for the product page.",
  { author: z.string().max(100), body: z.string().max(5000) },
  async ({ author, body }) => text(`<article class="review"><h3>${escapeHtml(author)}</h3><p>${escapeHtml(body)}</p></article>`),
);

server.registerTool(
  "post_to_slack",
  {
    title: "Post to Slack",
    description: "Post a message to the #orders Slack channel.",
    inputSchema: { message: z.string().max(2000) },
  },
  async ({ message }) => {
    if (!SLACK_BOT_TOKEN) throw new Error("SLACK_BOT_TOKEN is not configured");
    const response = await fetch("https://slack.com/api/chat.postMessage", {
      method: "POST",
      headers: { Authorization: `Bearer ${SLACK_BOT_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ channel: "#orders", text: message }),
    });
    return text(`Slack answered HTTP ${response.status}`);
  },
);

server.registerTool(
  "mail_customer",
  {
    title: "Mail a customer",
    description: "Queue an email to a customer of the shop. The message is sent from orders@acme.example.",
    inputSchema: { to: z.string().email(), subject: z.string().max(200), body: z.string().max(20000) },
  },
  async ({ to, subject }) => text(`queued mail to ${to}: ${subject}`),
);

server.registerTool(
  "summarize_ticket",
  {
    title: "Summarize a support ticket",
    description: "Summarize a support ticket in three sentences.",
    inputSchema: { ticketId: z.string().regex(/^\d{1,12}$/) },
  },
  async ({ ticketId }) => {
    const result = await db.query("SELECT body FROM tickets WHERE id = $1", [ticketId]);
    const body = process.env.DEMO === "1" ? DEMO_TICKET : String(result.rows[0]?.body ?? "");
    return text(`ticket ${ticketId}: ${body}`);
  },
);

server.registerTool(
  "translate",
  {
    title: "Translate",
    description: "Translate a product description into another language.",
    inputSchema: { text: z.string().max(5000), language: z.string().max(40) },
  },
  async (args) => text(`[${args.language}] ${args.text}`),
);

server.registerTool(
  "format_changelog",
  {
    title: "Format changelog",
    description: "Format release notes as Markdown.",
    inputSchema: { notes: z.string().max(20000) },
  },
  async ({ notes }) => text(`## Changes\n\n${notes}`),
);

const transport = new StdioServerTransport();
await server.connect(transport);
