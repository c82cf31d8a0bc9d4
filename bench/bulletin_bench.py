"""Time publishing a 10-page bulletin (four SVG charts, Chinese and English) to PDF.

Prints, for the same sample HTML and in the same run: render_pdf through the render server
(first call, which starts it, and the warm median), the baseline of WeasyPrint's fontTools
subsetting path (what it falls back to without libharfbuzz-subset: where the seconds went),
Debian's headless Chromium print-to-PDF, the ratios, page counts and the subsetter in use.

Run: .venv/bin/python bench/bulletin_bench.py [--runs 5] [--keep DIR]
"""


import argparse
import html
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.bulletins import render  # noqa: E402

PALETTE = ("#1d5fa8", "#e08a1e", "#2e9b57", "#b8322c", "#7a52a8")
MONTHS = ("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月")
FONT = 'font-family="Noto Sans CJK SC, sans-serif"'

ZH_HANS = (
    "本期简报回顾了客户关系管理系统实施项目在第三季度的进展。需求基线已于七月签署并冻结，"
    "此后的每一项变更都经过变更请求流程，由指导委员会在评估对完工日期、关键路径和成本的影响后作出决定。"
    "销售团队的试点部署按计划完成，数据迁移的第二轮演练发现了客户主数据中的重复记录，"
    "项目组已与业务部门共同制定了清理规则。培训方面，超过四百名员工完成了基础课程，"
    "满意度调查的平均分为四点三分。下一阶段的重点是服务模块的配置与集成测试。"
)
ZH_HANT = (
    "臺北辦公室於本季完成了業務流程的盤點與對照，共識別出二十三項需要調整的作業程序。"
    "顧客服務中心的同仁參與了使用者驗收測試，回報的問題已全數登錄於缺陷追蹤系統。"
    "我們感謝各部門主管在繁忙的營運期間撥冗參與工作坊，確保系統設計貼近實際需求。"
)
EN = (
    "The steering committee approved two change requests this period. The first moves the "
    "service-desk integration one sprint later to absorb the vendor's revised API; the "
    "critical path is unchanged because the data-migration rehearsal still drives the "
    "go-live date. The second adds a reporting licence for regional managers, funded from "
    "the contingency line. Readiness scores improved in every business unit, with the "
    "largest gain in after-sales service, where super-users now run weekly clinics."
)


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT} font-size="11" role="img">'
        f"<title>{html.escape(title)}</title>{body}</svg>"
    )


def bar_chart() -> str:
    """Budget by category: planned against actual."""
    rows = (("软件许可", 420, 395), ("实施服务", 610, 655), ("数据迁移", 180, 240),
            ("培训", 120, 96), ("内部人员", 350, 372), ("应急储备", 150, 40))  # fmt: skip
    scale, body = 0.38, []
    for index, (label, planned, actual) in enumerate(rows):
        x = 60 + index * 95
        for offset, value, colour in ((0, planned, PALETTE[0]), (32, actual, PALETTE[1])):
            height = value * scale
            body.append(
                f'<rect x="{x + offset}" y="{270 - height:.1f}" width="28" '
                f'height="{height:.1f}" fill="{colour}"/>'
                f'<text x="{x + offset + 14}" y="{265 - height:.1f}" text-anchor="middle" '
                f'font-size="9">{value}</text>'
            )
        body.append(f'<text x="{x + 30}" y="288" text-anchor="middle">{label}</text>')
    body.append('<line x1="50" y1="270" x2="640" y2="270" stroke="#5f6b7a"/>')
    body.append(_legend(((PALETTE[0], "计划 Planned"), (PALETTE[1], "实际 Actual")), 60, 20))
    return _svg(650, 300, "".join(body), "预算执行 Budget by category")


def line_chart() -> str:
    """KPI trend: lead conversion rate against the baseline and target."""
    values = (12.1, 12.4, 12.2, 13.0, 13.8, 14.1, 15.0, 15.6, 16.2)
    points = " ".join(
        f"{70 + index * 68},{260 - (value - 10) * 30:.1f}" for index, value in enumerate(values)
    )
    body = [
        *(
            f'<line x1="60" y1="{260 - step * 60}" x2="630" y2="{260 - step * 60}" '
            f'stroke="#d3dae3"/><text x="52" y="{264 - step * 60}" text-anchor="end">'
            f"{10 + step * 2}%</text>"
            for step in range(5)
        ),
        '<line x1="60" y1="197" x2="630" y2="197" stroke="#b8322c" stroke-dasharray="6 4"/>',
        '<text x="630" y="191" text-anchor="end" fill="#b8322c">基线 Baseline 12.1%</text>',
        '<line x1="60" y1="80" x2="630" y2="80" stroke="#2e9b57" stroke-dasharray="6 4"/>',
        '<text x="630" y="74" text-anchor="end" fill="#2e9b57">目标 Target 16%</text>',
        f'<polyline points="{points}" fill="none" stroke="{PALETTE[0]}" stroke-width="3"/>',
        *(
            f'<text x="{70 + index * 68}" y="285" text-anchor="middle">{month}</text>'
            for index, month in enumerate(MONTHS)
        ),
    ]
    return _svg(650, 300, "".join(body), "线索转化率 Lead conversion")


def phase_chart() -> str:
    """Phase plan as horizontal bars: planned span and progress."""
    phases = (("规划 Planning", 0, 2, 100), ("需求 Requirements", 1, 4, 100),
              ("配置 Configuration", 3, 7, 70), ("数据迁移 Migration", 4, 8, 45),
              ("测试 Testing", 6, 9, 15), ("上线 Go-live", 9, 10, 0))  # fmt: skip
    body = []
    for index, (label, start, finish, done) in enumerate(phases):
        y, x, width = 20 + index * 42, 170 + start * 46, (finish - start) * 46
        body.append(
            f'<text x="160" y="{y + 19}" text-anchor="end">{label}</text>'
            f'<rect x="{x}" y="{y}" width="{width}" height="26" fill="#d3dae3" rx="3"/>'
            f'<rect x="{x}" y="{y}" width="{width * done / 100:.1f}" height="26" '
            f'fill="{PALETTE[2]}" rx="3"/>'
            f'<text x="{x + width + 6}" y="{y + 18}" font-size="10">{done}%</text>'
        )
    body.append('<line x1="446" y1="10" x2="446" y2="272" stroke="#b8322c" stroke-width="2"/>')
    body.append('<text x="450" y="285" fill="#b8322c">今天 Today</text>')
    return _svg(650, 295, "".join(body), "阶段进度 Phase progress")


def donut_chart() -> str:
    """Training completion by audience as a donut."""
    parts = (("已完成 Completed", 412), ("进行中 In progress", 138), ("未开始 Not started", 90))
    total, radius, start = sum(value for _, value in parts), 90, 0.0
    circumference = 2 * math.pi * radius
    body = []
    for index, (_label, value) in enumerate(parts):
        length = circumference * value / total
        body.append(
            f'<circle cx="150" cy="140" r="{radius}" fill="none" stroke="{PALETTE[index]}" '
            f'stroke-width="42" stroke-dasharray="{length:.2f} {circumference:.2f}" '
            f'stroke-dashoffset="{-start:.2f}" transform="rotate(-90 150 140)"/>'
        )
        start += length
    body.append(f'<text x="150" y="136" text-anchor="middle" font-size="22">{total}</text>')
    body.append('<text x="150" y="156" text-anchor="middle">员工 staff</text>')
    body.append(_legend(((PALETTE[i], f"{label}  {value}") for i, (label, value) in
                         enumerate(parts)), 320, 90, vertical=True))  # fmt: skip
    return _svg(650, 280, "".join(body), "培训完成情况 Training completion")


def _legend(items, x: int, y: int, vertical: bool = False) -> str:
    parts = []
    for index, (colour, label) in enumerate(items):
        dx, dy = (0, index * 28) if vertical else (index * 150, 0)
        parts.append(
            f'<rect x="{x + dx}" y="{y + dy}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + dx + 20}" y="{y + dy + 12}">{html.escape(label)}</text>'
        )
    return "".join(parts)


def _table(headers: tuple[str, ...], rows, numeric: set[int] = frozenset()) -> str:
    head = "".join(
        f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chapters() -> list[tuple[str, str, str]]:
    """(id, title, body) of each chapter; each fills about one A4 page."""
    status = {0: "green", 1: "amber", 2: "red"}
    milestones = [
        (f"M{i:02d}", f"里程碑 {i}: {name}", f"2025-{(i % 9) + 1:02d}-{(i * 3) % 27 + 1:02d}",
         f'<span class="status status-{status[i % 3]}">{("正常", "关注", "延误")[i % 3]}</span>')
        for i, name in enumerate(
            ("需求签署", "方案设计评审", "销售模块配置", "服务模块配置", "数据迁移演练一",
             "数据迁移演练二", "集成测试", "用户验收测试", "培训完成", "上线准备评审",
             "正式上线", "上线后支持"), start=1)
    ]  # fmt: skip
    kpis = [
        ("线索转化率 Lead conversion", "12.1%", "16.0%", "16.2%"),
        ("首次响应时间 First response (h)", "9.5", "4.0", "5.1"),
        ("客户满意度 CSAT", "3.8", "4.3", "4.1"),
        ("销售预测准确率 Forecast accuracy", "61%", "80%", "72%"),
        ("重复客户记录 Duplicate accounts", "8.4%", "1.0%", "2.9%"),
    ]
    budget = [
        ("软件许可 Licences", "420,000", "395,000", "-25,000"),
        ("实施服务 Services", "610,000", "655,000", "45,000"),
        ("数据迁移 Migration", "180,000", "240,000", "60,000"),
        ("培训 Training", "120,000", "96,000", "-24,000"),
        ("内部人员 Internal staff", "350,000", "372,000", "22,000"),
        ("应急储备 Contingency", "150,000", "40,000", "-110,000"),
    ]
    decisions = "".join(
        f"<li><strong>D-{i:03d}</strong> {text}</li>"
        for i, text in enumerate(
            ("批准变更请求 CR-0007：服务台集成推迟一个迭代。",
             "Approved CR-0008: reporting licences for regional managers, funded from contingency.",
             "确认数据清理规则，由销售运营部负责执行。",
             "Phase gate 3 passed with two conditions on test coverage.",
             "同意在华南区增加两名超级用户。"), start=41)
    )  # fmt: skip
    return [
        ("summary", "摘要 Summary",
         f"<p>{ZH_HANS}</p><p lang='en'>{EN}</p><p>{ZH_HANS}</p>"),
        ("phases", "阶段进度 Phase status",
         f"<p>{ZH_HANS[:120]}</p><figure class='chart'>{phase_chart()}"
         "<figcaption>图 1 阶段进度与今日位置 Figure 1: phase progress</figcaption></figure>"
         f"<p lang='en'>{EN}</p>"),
        ("milestones", "里程碑 Milestones",
         _table(("编号", "里程碑", "计划日期", "状态"), milestones) + f"<p>{ZH_HANS}</p>"),
        ("kpis", "关键绩效指标 KPIs",
         f"<figure class='chart'>{line_chart()}"
         "<figcaption>图 2 线索转化率 Figure 2: lead conversion against baseline</figcaption>"
         "</figure>"
         + _table(("指标 KPI", "基线 Baseline", "目标 Target", "当前 Current"), kpis, {1, 2, 3})),
        ("budget", "预算 Budget",
         f"<figure class='chart'>{bar_chart()}"
         "<figcaption>图 3 预算执行（千元）Figure 3: budget by category (k)</figcaption>"
         "</figure>"
         + _table(("类别 Category", "计划 Plan", "实际 Actual", "差异 Variance"), budget,
                  {1, 2, 3})),
        ("decisions", "决策 Decisions",
         f"<ul>{decisions}</ul><p lang='en'>{EN}</p><p>{ZH_HANS}</p>"),
        ("training", "培训 Training",
         f"<figure class='chart'>{donut_chart()}"
         "<figcaption>图 4 培训完成情况 Figure 4: training completion</figcaption></figure>"
         f"<p>{ZH_HANS[:160]}</p>"),
        ("taipei", "臺北辦公室 Taipei office",
         f"<div lang='zh-Hant'><h3>繁體中文報告</h3><p>{ZH_HANT}</p><p>{ZH_HANT}</p></div>"
         f"<p lang='en'>{EN}</p>"),
    ]


def build_sample_bulletin(stylesheet_href: str | None = None) -> str:
    """A 10-page sample bulletin: cover, contents, eight chapters, four inline SVG charts."""
    chapters = _chapters()
    toc = "".join(f'<li><a href="#{cid}">{title}</a></li>' for cid, title, _ in chapters)
    body = "".join(
        f'<section class="chapter" id="{cid}"><h2>{title}</h2>{content}</section>'
        for cid, title, content in chapters
    )
    link = f'<link rel="stylesheet" href="{stylesheet_href}">' if stylesheet_href else ""
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>CRM 视角 第 12 期</title>{link}</head><body>"
        '<section class="cover"><p class="cover-series">CRM Perspective · CRM 视角</p>'
        '<h1 class="cover-project">客户关系管理系统实施项目 CRM Rollout</h1>'
        '<p class="cover-number">第 12 期 Bulletin No. 12</p>'
        '<p class="cover-period">2025 年第三季度 Q3 2025</p>'
        '<p class="cover-date"><time datetime="2025-09-30">2025-09-30</time></p></section>'
        f'<nav class="toc"><h2>目录 Contents</h2><ol>{toc}</ol></nav>{body}</body></html>'
    )


def page_count(pdf_path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def fonttools_baseline(html_text: str, runs: int) -> tuple[float, int]:
    """WeasyPrint's fallback path (fontTools subsetting, as without libharfbuzz-subset), timed in
    a fresh process so the switch stays out of this one."""
    code = (
        "import sys, time, weasyprint.pdf.fonts as f\n"
        "f.harfbuzz_subset = None\n"
        "from app.bulletins.pdf_worker import render\n"
        "from app.bulletins.render import BASE_URL, print_assets\n"
        "html = sys.stdin.read(); best = []\n"
        f"for _ in range({runs}):\n"
        "    t = time.perf_counter(); pdf, pages, _r = render(html, BASE_URL, print_assets())\n"
        "    best.append(time.perf_counter() - t)\n"
        "print(min(best), pages)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=html_text, text=True,
                         capture_output=True, check=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1])


def chromium_print(html_text: str, workdir: Path) -> tuple[float | None, int]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None, 0
    page = workdir / "bulletin.html"
    (workdir / "bulletin.css").write_bytes((render.PRINT_DIR / "bulletin.css").read_bytes())
    page.write_text(html_text.replace(render.STYLESHEET_URL, "bulletin.css"), encoding="utf-8")
    output = workdir / "chromium.pdf"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--no-pdf-header-footer",
               f"--print-to-pdf={output}", page.as_uri()]
    seconds, _ = timed(subprocess.run, command, capture_output=True, check=True, timeout=120)
    return seconds, page_count(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    args = parser.parse_args()
    sample = build_sample_bulletin(render.STYLESHEET_URL)

    from weasyprint.text.ffi import harfbuzz_subset

    cold, result = timed(render.render_pdf, sample)
    warm = [timed(render.render_pdf, sample)[0] for _ in range(args.runs)]
    median = statistics.median(warm)
    baseline, baseline_pages = fonttools_baseline(sample, 1)  # slow: one run says enough
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        chromium, chromium_pages = chromium_print(sample, workdir)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "weasyprint.pdf").write_bytes(result.pdf)
            if chromium is not None:
                shutil.copy(workdir / "chromium.pdf", args.keep / "chromium.pdf")

    subsetter = "HarfBuzz (libharfbuzz-subset)" if harfbuzz_subset else "fontTools (slow)"
    print(f"Sample: {result.pages} pages, four SVG charts, Simplified + Traditional Chinese "
          f"and English; font subsetter: {subsetter}")
    rows = [("publish render, first call (starts the render server)", cold, ""),
            (f"publish render, warm median of {args.runs}", median,
             f"target <= 1.00 s: {'met' if median <= 1.0 else 'MISSED'}"),
            (f"baseline: fontTools subsetting ({baseline_pages} pages)", baseline,
             f"{baseline / median:.1f}x the publish time")]
    if chromium is not None:
        verdict = "faster" if median < chromium else "SLOWER"
        rows.append((f"chromium --print-to-pdf ({chromium_pages} pages)", chromium,
                     f"{chromium / median:.1f}x the publish time: publish is {verdict}"))
    for label, seconds, note in rows:
        print(f"{label:<56} {seconds:6.2f} s  {note}")
    if chromium is None:
        print("chromium: not installed, comparison skipped")
    print("serving a published PDF: stored bytes, no rendering")


if __name__ == "__main__":
    main()
