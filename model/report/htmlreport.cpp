#include "htmlreport.h"

#include "diagramsvg.h"
#include "reportmodel.h"

#include "catalog/threatrule.h"
#include "core/displaynames.h"
#include "core/modellimits.h"

#include <algorithm>
#include <string>

namespace bulkhead {

std::string htmlEscape(std::string_view text)
{
    return xmlEscape(text);
}

namespace {

constexpr const char *css = R"CSS(
:root{--ink:#1f2933;--muted:#52606d;--line:#cbd2d9;--head:#243b53;--band:#f0f4f8}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Segoe UI",Arial,sans-serif;color:var(--ink);margin:0;font-size:13px;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 32px}
h1{font-size:28px;margin:0 0 6px;color:var(--head)}
h2{font-size:20px;color:var(--head);border-bottom:2px solid var(--head);padding-bottom:4px;margin-top:36px}
h3{font-size:15px;color:var(--head);margin:22px 0 6px}
.cover{border-left:8px solid var(--head);padding:28px 28px 20px;background:var(--band);margin-bottom:24px}
.cover .kicker{text-transform:uppercase;letter-spacing:.12em;color:var(--muted);font-size:11px;font-weight:bold}
.cover p.desc{max-width:780px}
dl.meta{display:grid;grid-template-columns:170px 1fr;gap:4px 12px;margin:16px 0 0}
dl.meta dt{color:var(--muted);font-weight:bold}
dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:12px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:var(--head);color:#fff;font-weight:bold}
tbody tr:nth-child(even){background:#f8fafc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#bcccdc}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-weight:bold;font-size:11px;color:#fff;white-space:nowrap}
.sev-critical{background:#8e0000}.sev-high{background:#d84315}.sev-medium{background:#f9a825;color:#1f2933}.sev-low{background:#558b2f}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:130px;background:#fff}
.card .n{font-size:26px;font-weight:bold;color:var(--head)}
.card .l{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.06em}
.bars{display:grid;grid-template-columns:110px 1fr 40px;gap:4px 8px;align-items:center;max-width:620px}
.bar{height:14px;background:var(--band);border-radius:2px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--head)}
.bar span.sev-critical{background:#8e0000}.bar span.sev-high{background:#d84315}.bar span.sev-medium{background:#f9a825}.bar span.sev-low{background:#558b2f}
td.sevcell{white-space:nowrap}
table.threats td.id{width:110px}
table.did th:nth-child(1){width:40%}table.did th:nth-child(2){width:14%}
.diagram{border:1px solid var(--line);padding:8px;overflow:auto;background:#fff}
.diagram svg{max-width:100%;height:auto}
ul.mits{margin:0;padding-left:16px}
.yes{color:#2e7d32;font-weight:bold}.no{color:#b71c1c;font-weight:bold}
.muted{color:var(--muted)}
code,.id{font-family:"DejaVu Sans Mono",monospace;font-size:11px;word-break:break-all}
.coverage{font-weight:bold}
table.narrow{width:auto;min-width:320px}
footer{margin-top:40px;color:var(--muted);font-size:11px;border-top:1px solid var(--line);padding-top:8px}
@media print{
  main{max-width:none;padding:0}
  body{font-size:10pt}
  section.major{break-before:page}
  thead{display:table-header-group}
  tr,.card,.cover{break-inside:avoid}
  h2,h3{break-after:avoid}
  .diagram{border:none;overflow:visible}
  a{color:inherit;text-decoration:none}
}
)CSS";

std::string esc(std::string_view text)
{
    return htmlEscape(text);
}

// A report is for reading: names and texts past the documented lengths end in "…", so a
// 5 MB name cannot make every table cell that shows it 5 MB.
std::string escName(std::string_view text)
{
    return htmlEscape(elided(text, limits::maxReportNameLength));
}
std::string escText(std::string_view text)
{
    return htmlEscape(elided(text, limits::maxReportTextLength));
}

std::string severityBadge(Severity s, bool upTo = false)
{
    return "<span class=\"sev sev-" + std::string(severityKey(s)) + "\">" + severityText(s, upTo)
           + "</span>";
}

std::string subjectLabel(const ReportThreat &t)
{
    return escName(t.subjectName.empty() ? t.subjectId : t.subjectName) + " <span class=\"muted\">("
           + escName(t.subjectKind) + ")</span>";
}

void writeThreatTable(std::ostream &out, const ReportData &report,
                      const std::vector<std::size_t> *only)
{
    out << "<table "
           "class=\"threats\"><thead><tr><th>ID</th><th>STRIDE</th><th>Threat</th><th>Element</th>"
           "<th>Severity → residual</th><th>Status</th><th>Mitigations</th></tr></thead><tbody>\n";
    auto row = [&](const ReportThreat &t) {
        // Top risks and needs-confirmation repeat rows of the full table: only its rows carry
        // the anchor, as an id must be unique in the page.
        out << "<tr";
        if (!only)
            out << " id=\"t-" << esc(t.id) << "\"";
        out << "><td class=\"id\">" << escName(t.id) << "</td><td>" << escName(t.stride)
            << "</td><td><strong>" << escName(t.title) << "</strong>";
        if (!t.explanation.empty())
            out << "<br><span class=\"muted\">Why: " << escText(t.explanation) << "</span>";
        if (!t.justification.empty())
            out << "<br><span class=\"muted\">Justification: " << escText(t.justification)
                << "</span>";
        out << "</td><td>" << subjectLabel(t) << "</td><td class=\"sevcell\">"
            << severityBadge(t.severity, t.severityUpTo) << " → "
            << severityBadge(t.residualSeverity, t.residualSeverityUpTo)
            << (t.severityOverridden ? " <span class=\"muted\">(override)</span>" : "")
            << "</td><td>" << esc(threatStatusTitle(t.status))
            << (t.needsConfirmation ? "<br><span class=\"muted\">needs confirmation</span>" : "")
            << "</td><td>";
        if (!t.mitigations.empty()) {
            out << "<ul class=\"mits\">";
            for (const ReportMitigation &m : t.mitigations)
                out << "<li>"
                    << (m.implemented ? "<span class=\"yes\">✔</span> "
                                      : "<span class=\"no\">✘</span> ")
                    << esc(m.title)
                    << (m.processControl ? " <span class=\"muted\">(process control)</span>" : "")
                    << "</li>";
            out << "</ul>";
        }
        out << "</td></tr>\n";
    };
    if (only) {
        for (const std::size_t i : *only)
            row(report.threats[i]);
    } else {
        for (const ReportThreat &t : report.threats)
            row(t);
    }
    out << "</tbody></table>\n";
}

/** The cover: title, description, owner, reviewers, date, generator and catalog. */
void writeCover(std::ostream &out, const ReportData &report)
{
    const ReportCover &c = report.cover;
    const std::string &title = c.title;
    out << "<section class=\"cover\"><div class=\"kicker\">STRIDE threat model report</div><h1>"
        << escName(title) << "</h1>";
    if (!c.description.empty())
        out << "<p class=\"desc\">" << escText(c.description) << "</p>";
    out << "<dl class=\"meta\"><dt>Owner</dt><dd>" << escName(c.owner.empty() ? "—" : c.owner)
        << "</dd><dt>Reviewers</dt><dd>";
    for (std::size_t i = 0; i < c.reviewers.size(); ++i)
        out << (i ? ", " : "") << escName(c.reviewers[i]);
    if (c.reviewers.empty())
        out << "—";
    if (!c.version.empty())
        out << "</dd><dt>Version</dt><dd>" << escName(c.version);
    out << "</dd><dt>Date</dt><dd>" << esc(c.date) << "</dd><dt>Generated by</dt><dd>Bulkhead "
        << esc(c.appVersion) << "</dd><dt>Catalog</dt><dd>" << c.catalogThreats << " threats, "
        << c.catalogMitigations << " mitigations</dd></dl></section>\n";
}

/** The executive summary: counts, bar charts, statuses and the top risks. */
void writeSummary(std::ostream &out, const ReportData &report)
{
    const ReportSummary &s = report.summary;
    out << "<section id=\"summary\"><h2>Executive summary</h2><div class=\"cards\">"
        << "<div class=\"card\"><div class=\"n\">" << s.threats
        << "</div><div class=\"l\">Threats</div></div>"
        << "<div class=\"card\"><div class=\"n\">" << s.open
        << "</div><div class=\"l\">Open</div></div>";
    for (int i = 3; i >= 0; --i)
        out << "<div class=\"card\"><div class=\"n\">"
            << s.openBySeverity[static_cast<std::size_t>(i)] << "</div><div class=\"l\">Open "
            << severityTitle(static_cast<Severity>(i)) << "</div></div>";
    out << "<div class=\"card\"><div class=\"n\">" << s.needsConfirmation
        << "</div><div class=\"l\">Need confirmation</div></div></div>\n";
    if (s.omitted)
        out << "<p class=\"muted\">" << s.omitted
            << " threats are left out of the tables by the report options.</p>";

    int maxBar = 1;
    for (const int n : s.openBySeverity)
        maxBar = std::max(maxBar, n);
    for (const int n : s.openByStride)
        maxBar = std::max(maxBar, n);
    out << "<h3>Open threats by residual severity</h3><div class=\"bars\">";
    for (int i = 3; i >= 0; --i) {
        const int n = s.openBySeverity[static_cast<std::size_t>(i)];
        out << "<div>" << severityTitle(static_cast<Severity>(i))
            << "</div><div class=\"bar\"><span class=\"sev-"
            << severityKey(static_cast<Severity>(i)) << "\" style=\"width:" << (n * 100 / maxBar)
            << "%\"></span></div><div class=\"num\">" << n << "</div>";
    }
    out << "</div>\n<h3>Open threats by STRIDE category (primary)</h3><div class=\"bars\">";
    for (std::size_t i = 0; i < strideTitles.size(); ++i) {
        const int n = s.openByStride[i];
        out << "<div>" << strideTitles[i]
            << "</div><div class=\"bar\"><span style=\"width:" << (n * 100 / maxBar)
            << "%\"></span></div><div class=\"num\">" << n << "</div>";
    }
    out << "</div>\n<h3>Threats by status</h3><table "
           "class=\"narrow\"><thead><tr><th>Status</th><th "
           "class=\"num\">Threats</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < s.byStatus.size(); ++i)
        out << "<tr><td>" << threatStatusTitle(static_cast<ThreatStatus>(i))
            << "</td><td class=\"num\">" << s.byStatus[i] << "</td></tr>";
    out << "</tbody></table>\n<h3>Top risks</h3>";
    if (s.topRisks.empty())
        out << "<p>No open threats.</p>";
    else
        writeThreatTable(out, report, &s.topRisks);
    out << "</section>\n";
}

/** The STRIDE-per-element matrix. */
void writeMatrix(std::ostream &out, const ReportData &report)
{
    out << "<section class=\"major\" id=\"matrix\"><h2>STRIDE per element</h2>"
           "<p class=\"muted\">Open threats per subject and STRIDE category. A threat counts under "
           "each of its letters; "
           "<b>bold</b> cells hold threats whose primary letter it is. The total counts each "
           "threat once.</p>"
           "<table><thead><tr><th>Subject</th><th>Kind</th>";
    for (const char letter : strideLetters)
        out << "<th class=\"num\">" << letter << "</th>";
    out << "<th class=\"num\">Total</th></tr></thead><tbody>\n";
    for (const MatrixRow &m : report.matrix) {
        out << "<tr><td>" << escName(m.name.empty() ? m.subjectId : m.name)
            << " <span class=\"id\">" << escName(m.subjectId) << "</span></td><td>"
            << escName(m.kind) << "</td>";
        for (const StrideCell &cell : m.letters) {
            out << "<td class=\"num" << (cell.open ? "" : " zero") << "\">";
            if (cell.primary)
                out << "<b>" << cell.open << "</b>";
            else
                out << cell.open;
            out << "</td>";
        }
        out << "<td class=\"num" << (m.total.open ? "" : " zero") << "\"><b>" << m.total.open
            << "</b></td></tr>\n";
    }
    out << "</tbody></table></section>\n";
}

/** The defense-in-depth report, layer by layer. */
void writeDefenseInDepth(std::ostream &out, const ReportData &report)
{
    out << "<section class=\"major\" id=\"defense-in-depth\"><h2>Defense-in-depth mitigation "
           "report</h2>"
           "<p class=\"muted\">Per layer: the mitigations the threats above recommend, whether "
           "they are in place, "
           "and the threats each covers. Coverage counts implemented (threat, mitigation) "
           "pairs.</p>\n";
    for (const DefenseLayerReport &layer : report.layers) {
        out << "<h3>" << esc(layer.title) << " — <span class=\"coverage\">";
        if (layer.coveragePercent < 0)
            out << "nothing recommended";
        else
            out << layer.coveragePercent << "% coverage";
        out << "</span></h3>";
        if (layer.mitigations.empty())
            continue;
        out << "<p>" << layer.implemented << " implemented, " << layer.partial << " partial, "
            << layer.missing
            << " missing.</p><table "
               "class=\"did\"><thead><tr><th>Mitigation</th><th>State</th><th>Covers "
               "threats</th></tr></thead><tbody>";
        for (const LayerMitigation &m : layer.mitigations) {
            out << "<tr><td>" << esc(m.title) << "<br><span class=\"id\">" << esc(m.id)
                << "</span></td><td>";
            if (m.state == CoverageState::Implemented)
                out << "<span class=\"yes\">Implemented</span>";
            else if (m.state == CoverageState::Partial)
                out << "<span class=\"no\">Partial</span> (" << m.implementedFor << " of "
                    << m.threats.size() << ")";
            else if (m.processControl)
                out << "<span class=\"muted\">" << esc(processControlNote) << "</span>";
            else
                out << "<span class=\"no\">Missing</span>";
            out << "</td><td class=\"id\">";
            for (std::size_t i = 0; i < m.threats.size(); ++i)
                out << (i ? ", " : "") << escName(m.threats[i]);
            out << "</td></tr>";
        }
        out << "</tbody></table>\n";
    }
    out << "</section>\n";
}

/** The appendix: every element with its properties and threats. */
void writeAppendix(std::ostream &out, const ReportData &report)
{
    out << "<section class=\"major\" id=\"appendix\"><h2>Appendix: elements</h2>\n";
    for (const AppendixEntry &e : report.appendix) {
        out << "<h3>" << escName(e.name.empty() ? e.id : e.name) << " <span class=\"muted\">("
            << esc(e.type) << ", " << escName(e.kind) << (e.inScope ? "" : ", out of scope")
            << ")</span></h3><p><span class=\"id\">" << escName(e.id) << "</span></p>";
        if (!e.properties.empty()) {
            out << "<table><thead><tr><th>Property</th><th>Value</th></tr></thead><tbody>";
            for (const AppendixProperty &p : e.properties)
                out << "<tr><td>" << escName(p.name) << "</td><td>" << escText(p.value)
                    << "</td></tr>";
            out << "</tbody></table>";
        }
        out << "<p>Threats: ";
        if (e.threats.empty())
            out << "none";
        for (std::size_t i = 0; i < e.threats.size(); ++i)
            out << (i ? ", " : "") << "<span class=\"id\">" << escName(e.threats[i]) << "</span>";
        out << "</p>\n";
    }
    out << "</section>\n";
}

/** The threats that wait on unknown values, and the questions that settle most. */
void writeNeedsConfirmation(std::ostream &out, const ReportData &report)
{
    out << "<section class=\"major\" id=\"needs-confirmation\"><h2>Needs confirmation</h2>";
    if (report.needsConfirmation.empty()) {
        out << "<p>No threat depends on unknown values.</p>";
    } else {
        out << "<p>These threats fired because a property is unknown; answering it confirms or "
               "clears them.</p>";
        writeThreatTable(out, report, &report.needsConfirmation);
    }
    if (!report.questions.empty()) {
        out << "<h3>Most useful questions</h3><table><thead><tr><th>Element</th><th>Property</th>"
               "<th class=\"num\">Settles threats</th></tr></thead><tbody>";
        for (const ReportQuestion &q : report.questions)
            out << "<tr><td>" << escName(q.holderName.empty() ? q.holderId : q.holderName)
                << " <span class=\"id\">" << escName(q.holderId) << "</span></td><td>"
                << escName(q.property) << "</td><td class=\"num\">" << q.settles << "</td></tr>";
        out << "</tbody></table>";
    }
    out << "</section>\n";
}

/** The references and the closing footer. */
void writeReferences(std::ostream &out, const ReportData &report)
{
    const ReportCover &c = report.cover;
    out << "<section class=\"major\" id=\"references\"><h2>References</h2><ul>";
    for (const ReportReference &r : report.references) {
        out << "<li>";
        if (safeUrl(r.url, "'"))
            out << "<a href=\"" << esc(r.url) << "\" rel=\"noreferrer noopener\">" << esc(r.label)
                << "</a> <span class=\"muted\">" << esc(r.url) << "</span>";
        else
            out << esc(r.label)
                << (r.url.empty() ? "" : " <span class=\"muted\">" + esc(r.url) + "</span>");
        out << "</li>";
    }
    out << "</ul></section>\n<footer>Generated by Bulkhead " << esc(c.appVersion) << " on "
        << esc(c.date) << ".</footer>\n</main>\n</body>\n</html>\n";
}

} // namespace

void writeHtmlReport(std::ostream &out, const ReportData &report, const std::string &diagramSvg)
{
    const ReportCover &c = report.cover;
    const std::string &title = c.title;
    const std::string page = report.options.pageSize == "Letter" ? "letter" : "A4";

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'; img-src data:\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"Bulkhead "
        << esc(c.appVersion) << "\">\n<title>Threat report — " << escName(title)
        << "</title>\n<style>" << css << "@page{size:" << page
        << ";margin:16mm 14mm}\n</style>\n</head>\n<body>\n<main>\n";

    writeCover(out, report);
    writeSummary(out, report);
    out << "<section class=\"major\" id=\"diagram\"><h2>Data-flow diagram</h2><div "
           "class=\"diagram\">"
        << diagramSvg << "</div></section>\n";
    writeMatrix(out, report);
    out << "<section class=\"major\" id=\"threats\"><h2>Threats</h2>";
    if (report.threats.empty())
        out << "<p>No threats.</p>";
    else
        writeThreatTable(out, report, nullptr);
    out << "</section>\n";
    writeDefenseInDepth(out, report);
    writeAppendix(out, report);
    writeNeedsConfirmation(out, report);
    writeReferences(out, report);
}

} // namespace bulkhead
