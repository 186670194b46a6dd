import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { customers, products } from "@/db/schema";
import { commentOnDispute, fileDispute, overrideDeadline, resolveDispute, routeDispute, startReview, submitDispute, withdrawDispute } from "@/lib/disputes/commands";
import { addEvidence } from "@/lib/disputes/evidence";
import { makeStore } from "@/tests/factories";
import { tempDirs } from "@/tests/temp-dir";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const { loadPacket } = await import("./load-packet");
const { casePacketDocument } = await import("./packet-html");

const evidenceDir = tempDirs("laoke-packet-");
beforeAll(() => void (process.env.LAOKE_EVIDENCE_DIR = evidenceDir()));
afterAll(() => void delete process.env.LAOKE_EVIDENCE_DIR);

// The saved packet is opened from disk as a page of its own and shown inside the console: every
// value a buyer, a competitor or a staff member wrote reaches it as text, never as markup.
describe("the case packet", () => {
  it("shows every field written with markup in it as the text it is", async () => {
    const ctx = await makeStore("packet-xss");
    const hostile = (where: string) => `<img src=x onerror="alert('${where}')">`;
    await getDb().insert(customers).values({ storeId: ctx.store.id, externalId: "B<1>", name: hostile("customer") });
    const { id } = await fileDispute(
      ctx,
      {
        type: "ip_infringement",
        title: `<script>alert("title")</script>`,
        description: hostile("description"),
        amountAtStake: 10_000,
        customerExternalId: "B<1>",
        counterparty: { name: hostile("counterparty"), kind: "competitor" },
        infringedRight: hostile("right"),
        infringingListing: `javascript:alert("listing")`,
      },
      { draft: true },
    );
    await addEvidence(ctx, id, { fileName: `${hostile("file")}.txt`, body: Buffer.from("chat log\n") });
    await submitDispute(ctx, id);
    await commentOnDispute(ctx, id, hostile("comment"));
    const packet = await loadPacket({ ...ctx, store: { ...ctx.store, name: hostile("store") } }, id);
    const html = casePacketDocument(packet);

    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/href=/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;");
    for (const where of ["customer", "description", "counterparty", "right", "comment", "store"]) {
      expect(html, where).toContain(`&lt;img src=x onerror=&quot;alert(&#39;${where}&#39;)&quot;&gt;`);
    }
    // The file's name, as kept (its quotes and brackets dropped), and the listing, as words only.
    expect(html).toContain("img src=x onerror=alert(&#39;file&#39;).txt");
    expect(html).toContain("javascript:alert(&quot;listing&quot;)");
  });

  it("speaks to the party it goes to: no evidence is said as such, not as the console's prompt to add some", async () => {
    const ctx = await makeStore("packet-words");
    const base = { type: "supplier_quality" as const, description: "供应商批次漏水，买家退货。", amountAtStake: 10_000 };
    const bare = await fileDispute(ctx, { ...base, title: "没有证据" }, { draft: true });
    const bareHtml = casePacketDocument(await loadPacket(ctx, bare.id));
    expect(bareHtml).toContain("<p>未附证据文件。</p>");
    expect(bareHtml).not.toContain("可以添加截图");
    // What happened is headed as such for the party, not a paragraph loose under the table.
    expect(bareHtml).toContain("<h3>描述</h3>\n<p class=\"description\">供应商批次漏水，买家退货。</p>");
    const blank = await fileDispute(ctx, { ...base, description: "", title: "没有描述" }, { draft: true });
    expect(casePacketDocument(await loadPacket(ctx, blank.id))).not.toMatch(/<h3>描述<\/h3>|class="description"/);

    // A file's size with its digits grouped, as the dispute's page shows it.
    const withFile = await fileDispute(ctx, { ...base, title: "有证据" }, { draft: true });
    await addEvidence(ctx, withFile.id, { fileName: "chat.txt", body: Buffer.from("聊天记录\n".repeat(100)) });
    const withFileHtml = casePacketDocument(await loadPacket(ctx, withFile.id));
    expect(withFileHtml).toContain("<td>1,300</td>");
    // Its type in words, not "text/plain; charset=utf-8".
    expect(withFileHtml).toContain("<td>chat.txt</td><td>纯文本</td>");
  });

  it("of a resolved or withdrawn dispute, awaits nothing: no response deadline, the party it was last with in the past tense", async () => {
    const ctx = await makeStore("packet-closed");
    const base = { type: "unfair_platform_treatment" as const, description: "平台以发货延迟为由冻结货款。", amountAtStake: 10_000 };
    const open = await fileDispute(ctx, { ...base, title: "处理中" });
    const resolved = await fileDispute(ctx, { ...base, title: "已解决" });
    await startReview(ctx, resolved.id);
    await resolveDispute(ctx, resolved.id, { outcome: "won", summary: "平台解冻货款。" });
    const withdrawn = await fileDispute(ctx, { ...base, title: "已撤回" });
    await withdrawDispute(ctx, withdrawn.id, { reason: "与平台协商解决。" });
    const facts = async (id: number) => {
      const html = casePacketDocument(await loadPacket(ctx, id));
      return [...html.matchAll(/<tr><th>([^<]+)<\/th><td>([^<]*)<\/td><\/tr>/g)].map(([, label, value]) => `${label}：${value}`);
    };

    const openFacts = await facts(open.id);
    expect(openFacts.filter((f) => f.startsWith("答复期限："))).toHaveLength(1);
    expect(openFacts.filter((f) => f.startsWith("最后处理方："))).toHaveLength(0);
    for (const id of [resolved.id, withdrawn.id]) {
      const closedFacts = await facts(id);
      expect(closedFacts.filter((f) => f.startsWith("答复期限：")), String(id)).toEqual([]);
      expect(closedFacts, String(id)).toContain("最后处理方：平台");
    }
    // The history still says what happened, the deadline it set included.
    const html = casePacketDocument(await loadPacket(ctx, resolved.id));
    expect(html).toMatch(/已提交：首先交给平台，答复期限 /);
  });
  it("says which time zone its times are in: the party reading it may be in another", async () => {
    const ctx = await makeStore("packet-zone");
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "货款被冻结", description: "平台以发货延迟为由冻结货款。", amountAtStake: 10_000 });
    const shanghai = casePacketDocument(await loadPacket(ctx, id));
    expect(shanghai).toContain("<p class=\"meta\" data-time-zone>时间均为店铺时区 Asia/Shanghai（GMT+8）。</p>");

    // A store in Los Angeles: its deadline is written in its own time, and said to be, with both of
    // its offsets (winter's and summer's): one alone would mislead for times of the other season.
    const la = { ...ctx, store: { ...ctx.store, timezone: "America/Los_Angeles" } };
    const packet = await loadPacket(la, id);
    // Read the day before its deadline (past it, the packet says so: page.db.test.ts).
    const html = casePacketDocument({ ...packet, now: new Date(packet.dispute.deadlineAt!.getTime() - 86_400_000) });
    expect(html).toContain("时间均为店铺时区 America/Los_Angeles（GMT-8 / GMT-7）。");
    const deadline = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(packet.dispute.deadlineAt!);
    expect(html).toContain(`<tr><th>答复期限</th><td>${deadline}</td></tr>`);
  });
  it("says what the deadline rests on: the counter-notice period of E-Commerce Law art. 43, or the reason it was set by hand", async () => {
    const ctx = await makeStore("packet-basis");
    await getDb().insert(products).values({ storeId: ctx.store.id, externalId: "CUP-1", name: "原创茶杯", price: 8_900 });
    const { id } = await fileDispute(ctx, { type: "counterfeit_accusation", title: "被投诉售假", description: "竞争对手向平台投诉我店茶杯为假货。", amountAtStake: 10_000, productExternalId: "CUP-1" });
    await startReview(ctx, id);
    await routeDispute(ctx, id);
    const basis = async () => [...casePacketDocument(await loadPacket(ctx, id)).matchAll(/<tr><th>期限依据<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => m[1]);
    expect(await basis()).toEqual(["15 天：《电子商务法》第四十三条规定的不侵权声明期限。"]);
    await overrideDeadline(ctx, id, { deadlineAt: new Date(Date.now() + 20 * 86_400_000), reason: "平台同意延期答复" });
    expect(await basis()).toEqual(["人工设定：平台同意延期答复"]);
  });
});
