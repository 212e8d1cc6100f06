#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "io/modelreader.h"
#include "report/analysisexport.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"
#include "testfiles.h"

#include <nlohmann/json.hpp>

#include <QTest>
#include <QUrl>

#include <algorithm>
#include <array>
#include <set>
#include <sstream>

using namespace bulkhead;

namespace {

ThreatModel loadModel(const QString &path)
{
    auto loaded = readModelFile(path.toStdString());
    if (!loaded)
        qFatal("%s", loaded.error().c_str());
    return std::move(loaded->model);
}

ThreatModel example() { return loadModel(test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"))); }
ThreatModel hostile() { return loadModel(test::dataPath(QStringLiteral("report/hostile.bulkhead.json"))); }

std::string html(const ThreatModel &model, const ReportOptions &options = {})
{
    const AnalysisResult result = analyzeModel(model, builtInCatalog());
    const ReportData report = buildReport(model, builtInCatalog(), result, options, "2025-01-31");
    std::ostringstream out;
    writeHtmlReport(out, report, diagramToSvg(model, builtInCatalog()));
    return out.str();
}

std::string markdown(const ThreatModel &model)
{
    const AnalysisResult result = analyzeModel(model, builtInCatalog());
    std::ostringstream out;
    writeMarkdownReport(out, buildReport(model, builtInCatalog(), result, {}, "2025-01-31"));
    return out.str();
}

/** RFC 4180: rows of fields; fails the test on a malformed quote. */
std::vector<std::vector<std::string>> parseCsv(const std::string &text, bool &ok)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    ok = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            if (!field.empty() || wasQuoted)
                ok = false;
            quoted = wasQuoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n')
                ok = false;
        } else if (c == '\n') {
            row.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
            rows.push_back(std::move(row));
            row.clear();
        } else {
            if (wasQuoted)
                ok = false;
            field += c;
        }
    }
    if (quoted || !field.empty() || !row.empty())
        ok = false;
    return rows;
}

const char *const hostileStrings[] = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>",
                                      "javascript:alert(3)"};

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exampleReportMatchesAnalysis()
    {
        const ThreatModel model = example();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2025-01-31");
        QCOMPARE(report.cover.date, std::string("2025-01-31"));
        QCOMPARE(report.cover.title, model.metadata().title);
        QCOMPARE(report.cover.catalogThreats, builtInCatalog().threats().size());
        QCOMPARE(report.threats.size(), result.threats.size());
        QCOMPARE(report.summary.threats, result.threats.size());
        int open = 0;
        int confirm = 0;
        std::array<int, 4> bySeverity{};
        for (const Threat &t : result.threats) {
            confirm += t.needsConfirmation ? 1 : 0;
            if (t.isOpen()) {
                ++open;
                ++bySeverity[static_cast<std::size_t>(t.residualSeverity)];
            }
        }
        QVERIFY(open > 0);
        QCOMPARE(report.summary.open, open);
        QCOMPARE(report.summary.openBySeverity, bySeverity);
        QCOMPARE(report.summary.needsConfirmation, confirm);
        QCOMPARE(report.needsConfirmation.size(), std::size_t(confirm));
        int strideSum = 0;
        for (const int n : report.summary.openByStride)
            strideSum += n;
        QCOMPARE(strideSum, open);
        int statusSum = 0;
        for (const int n : report.summary.byStatus)
            statusSum += n;
        QCOMPARE(std::size_t(statusSum), result.threats.size());
        QCOMPARE(report.summary.topRisks.size(), std::min<std::size_t>(10, std::size_t(open)));
        for (std::size_t i = 1; i < report.summary.topRisks.size(); ++i)
            QVERIFY(report.threats[report.summary.topRisks[i - 1]].residualSeverity
                    >= report.threats[report.summary.topRisks[i]].residualSeverity);
        for (std::size_t i = 0; i < result.threats.size(); ++i) {
            QCOMPARE(report.threats[i].id, result.threats[i].id());
            QVERIFY(!report.threats[i].explanation.empty());
        }

        // Defense in depth: all eight layers, in DESIGN order, with consistent figures.
        QCOMPARE(report.layers.size(), std::size(allDefenseLayers));
        bool anyRecommended = false;
        for (std::size_t i = 0; i < report.layers.size(); ++i) {
            QCOMPARE(report.layers[i].layer, allDefenseLayers[i]);
            QCOMPARE(report.layers[i].title, std::string(defenseLayerTitle(allDefenseLayers[i])));
            for (const LayerMitigation &m : report.layers[i].mitigations) {
                anyRecommended = true;
                QVERIFY(!m.threats.empty());
                QVERIFY(m.implementedFor <= m.threats.size());
                const Mitigation *catalogEntry = builtInCatalog().findMitigation(m.id);
                QVERIFY(catalogEntry);
                QCOMPARE(catalogEntry->layer, report.layers[i].layer);
            }
            QVERIFY(report.layers[i].coveragePercent >= -1 && report.layers[i].coveragePercent <= 100);
            QCOMPARE(report.layers[i].coveragePercent == -1, report.layers[i].mitigations.empty());
        }
        QVERIFY(anyRecommended);
        QCOMPARE(report.appendix.size(),
                 model.boundaries().size() + model.elements().size() + model.flows().size());
        QVERIFY(!report.references.empty());
        for (std::size_t i = 1; i < report.references.size(); ++i)
            QVERIFY(report.references[i - 1].label < report.references[i].label);
        QVERIFY(!report.matrix.empty());
    }

    void exampleHtml()
    {
        const ThreatModel model = example();
        const std::string page = html(model);
        QVERIFY(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "style-src 'unsafe-inline'; img-src data:\">")
                != std::string::npos);
        QVERIFY(page.find("<script") == std::string::npos);
        QVERIFY(page.find("<svg") != std::string::npos);
        QVERIFY(page.find("<thead>") != std::string::npos);
        QVERIFY(page.find("break-before:page") != std::string::npos);
        for (const Threat &t : analyzeModel(model, builtInCatalog()).threats)
            QVERIFY2(page.find(htmlEscape(t.id())) != std::string::npos, t.id().c_str());
        // Nothing is loaded from elsewhere: no src attributes, no url() in styles, links only to https.
        QVERIFY(page.find(" src=") == std::string::npos);
        QVERIFY(page.find("@import") == std::string::npos);
        QVERIFY(page.find("url(http") == std::string::npos);
        std::size_t at = 0;
        int links = 0;
        while ((at = page.find("href=\"", at)) != std::string::npos) {
            at += 6;
            ++links;
            QVERIFY2(page.compare(at, 8, "https://") == 0, page.substr(at, 40).c_str());
        }
        QVERIFY(links > 0);
    }

    void optionsFilter()
    {
        ThreatModel model = hostile();
        const AnalysisResult first = analyzeModel(model, builtInCatalog());
        QVERIFY(first.threats.size() > 3);
        const std::string notApplicable = first.threats.front().id();
        RegisterEntry entry;
        entry.threat = notApplicable;
        entry.status = ThreatStatus::NotApplicable;
        model.setRegisterEntry(entry);
        const AnalysisResult result = analyzeModel(model, builtInCatalog());

        auto ids = [&](const ReportOptions &options) {
            std::set<std::string> out;
            for (const ReportThreat &t : buildReport(model, builtInCatalog(), result, options, "d").threats)
                out.insert(t.id);
            return out;
        };
        const std::set<std::string> all = ids({});
        QCOMPARE(all.size(), result.threats.size());
        QVERIFY(all.count("manual-x")); // mitigated in the register
        QVERIFY(all.count("manual-y")); // on the out-of-scope user
        QVERIFY(all.count(notApplicable));

        ReportOptions noMitigated;
        noMitigated.includeMitigated = false;
        const auto a = ids(noMitigated);
        QVERIFY(!a.count("manual-x"));
        QCOMPARE(a.size(), all.size() - 1);

        ReportOptions noNotApplicable;
        noNotApplicable.includeNotApplicable = false;
        const auto b = ids(noNotApplicable);
        QVERIFY(!b.count(notApplicable));
        QCOMPARE(b.size(), all.size() - 1);

        ReportOptions noOutOfScope;
        noOutOfScope.includeOutOfScope = false;
        const ReportData report = buildReport(model, builtInCatalog(), result, noOutOfScope, "d");
        for (const ReportThreat &t : report.threats)
            QVERIFY(t.subjectId != "user");
        for (const AppendixEntry &e : report.appendix)
            QVERIFY(e.id != "user");
        QCOMPARE(report.summary.omitted, std::size_t(1));
        const ReportData full = buildReport(model, builtInCatalog(), result, {}, "d");
        bool userListed = false;
        for (const AppendixEntry &e : full.appendix)
            userListed = userListed || (e.id == "user" && !e.inScope);
        QVERIFY(userListed);
        // The summary always covers the whole analysis.
        QCOMPARE(report.summary.open, full.summary.open);
    }

    void hostileHtmlIsEscaped()
    {
        const std::string page = html(hostile());
        QVERIFY(page.find("<script") == std::string::npos);
        QVERIFY(page.find("<img") == std::string::npos);
        QVERIFY(page.find("href=\"javascript:") == std::string::npos);
        QVERIFY(page.find("href='javascript:") == std::string::npos);
        QVERIFY(page.find("onerror=alert(2)>") == std::string::npos);
        QVERIFY(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(page.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
        QVERIFY(page.find("javascript:alert(3)") != std::string::npos);
        // Every occurrence of the javascript text is plain text, never an attribute value.
        std::size_t at = 0;
        while ((at = page.find("javascript:", at)) != std::string::npos) {
            const std::size_t tagOpen = page.rfind('<', at);
            const std::size_t tagClose = page.rfind('>', at);
            QVERIFY2(tagClose != std::string::npos && tagClose > tagOpen, page.substr(tagOpen, 80).c_str());
            ++at;
        }
        const std::string svg = diagramToSvg(hostile(), builtInCatalog());
        QVERIFY(svg.find("<script") == std::string::npos);
        QVERIFY(svg.find("<img") == std::string::npos);
    }

    void hostileMachineFormatsAreValid()
    {
        const ThreatModel model = hostile();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());

        bool ok = false;
        const auto rows = parseCsv(analysisToCsv(result, model, builtInCatalog()), ok);
        QVERIFY(ok);
        QCOMPARE(rows.size(), result.threats.size() + 1);
        for (const auto &row : rows)
            QCOMPARE(row.size(), rows.front().size());
        bool sawHostile = false;
        for (const auto &row : rows) {
            for (const std::string &field : row)
                sawHostile = sawHostile || field.find(hostileStrings[0]) != std::string::npos;
        }
        QVERIFY(sawHostile); // round-trips as data

        const auto json = nlohmann::json::parse(analysisToJson(result, model, builtInCatalog()));
        QCOMPARE(json.at("threats").size(), result.threats.size());
        QVERIFY(json.dump().find("onerror=alert(2)") != std::string::npos);

        const auto sarif = nlohmann::json::parse(analysisToSarif(result, model, builtInCatalog(), "hostile.json"));
        QCOMPARE(sarif.at("version").get<std::string>(), std::string("2.1.0"));
        QVERIFY(!sarif.at("runs").at(0).at("results").empty());
        for (const auto &r : sarif.at("runs").at(0).at("results"))
            QVERIFY(r.at("message").at("text").is_string());
    }

    void markdownEscapes()
    {
        QCOMPARE(markdownEscape("a|b"), std::string("a\\|b"));
        QCOMPARE(markdownEscape("a\\b"), std::string("a\\\\b"));
        QCOMPARE(markdownEscape("x\ny\r\nz"), std::string("x y  z"));
        QCOMPARE(markdownEscape("<b>&"), std::string("&lt;b&gt;&amp;"));
        QCOMPARE(markdownEscape("[x](javascript:alert(3))"), std::string("\\[x\\](javascript:alert(3))"));

        ThreatModel model = hostile();
        model.findElement("web")->name = "pipe|name\nnext <b>";
        const std::string text = markdown(model);
        QVERIFY(text.find("pipe\\|name next &lt;b&gt;") != std::string::npos);
        QVERIFY(text.find("<script") == std::string::npos);
        QVERIFY(text.find("<img") == std::string::npos);
        QVERIFY(text.find("](javascript:") == std::string::npos);
        QVERIFY(text.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(text.find("## Defense-in-depth mitigation report") != std::string::npos);
        // Each table row has as many unescaped pipes as its header.
        std::istringstream lines(text);
        std::string line;
        std::size_t columns = 0;
        auto pipes = [](const std::string &l) {
            std::size_t n = 0;
            for (std::size_t i = 0; i < l.size(); ++i) {
                if (l[i] == '\\')
                    ++i;
                else if (l[i] == '|')
                    ++n;
            }
            return n;
        };
        while (std::getline(lines, line)) {
            if (line.empty() || line.front() != '|') {
                columns = 0;
                continue;
            }
            if (!columns)
                columns = pipes(line);
            QVERIFY2(pipes(line) == columns, line.c_str());
        }
    }

    void htmlIdsAreUnique()
    {
        // Top risks and needs-confirmation repeat rows of the threat table; ids must stay unique.
        const ThreatModel model = example();
        const std::string page = html(model);
        std::set<std::string> ids;
        const std::string attribute = " id=\"";
        for (std::size_t at = page.find(attribute); at != std::string::npos; at = page.find(attribute, at)) {
            at += attribute.size();
            const std::string id = page.substr(at, page.find('"', at) - at);
            QVERIFY2(ids.insert(id).second, ("duplicate id " + id).c_str());
        }
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        QVERIFY(std::any_of(result.threats.begin(), result.threats.end(), [](const Threat &t) { return t.isOpen(); }));
        for (const Threat &t : result.threats)
            QVERIFY2(ids.count("t-" + htmlEscape(t.id())), t.id().c_str());
    }

    void anUnnamedFlowIsNamedByItsEnds()
    {
        ThreatModel model;
        model.addBoundary(Boundary{"host", "host", "Host", "", {}, {}});
        model.addElement(Element{"user", "external-user", "Customer", "", {}, {}});
        model.addElement(Element{"web", "container", "Web", "host", {}, {}});
        model.addFlow(Flow{"f1", "", "user", "web", false, {{"encrypted", false}}, {}});
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2025-01-31");
        const std::string shown = "Customer → Web";
        int onFlow = 0;
        for (const ReportThreat &t : report.threats) {
            if (t.subjectId != "f1")
                continue;
            ++onFlow;
            QCOMPARE(t.subjectName, shown);
        }
        QVERIFY(onFlow > 0);
        const auto entry = std::find_if(report.appendix.begin(), report.appendix.end(),
                                        [](const AppendixEntry &e) { return e.id == "f1"; });
        QVERIFY(entry != report.appendix.end());
        QCOMPARE(entry->name, shown);
        QCOMPARE(entry->properties.at(0).value, std::string("Customer"));
        QCOMPARE(entry->properties.at(1).value, std::string("Web"));
        QVERIFY(markdown(model).find("| Customer → Web (flow) |") != std::string::npos);
    }

    void markdownShowsJustification()
    {
        // The register's justification is in the HTML threat table; the Markdown one shows it too.
        const ThreatModel model = hostile();
        const std::string page = html(model);
        const std::string text = markdown(model);
        QVERIFY(page.find("Justification: Fixed &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(text.find("<br>Justification: Fixed &lt;script&gt;alert(1)&lt;/script&gt; |") != std::string::npos);
    }

    void sarifUriIsPercentEncoded()
    {
        // artifactLocation.uri must be an RFC 3986 URI reference, whatever the file is called.
        const ThreatModel model = hostile();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        auto uris = [&](const std::string &path) {
            std::set<std::string> out;
            const auto sarif = nlohmann::json::parse(analysisToSarif(result, model, builtInCatalog(), path));
            for (const auto &r : sarif.at("runs").at(0).at("results"))
                out.insert(r.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri").get<std::string>());
            return out;
        };
        QCOMPARE(uris("examples/compose-web-app.bulkhead.json"), std::set<std::string>{"examples/compose-web-app.bulkhead.json"});
        // SARIF forbids relative references starting with a slash: absolute paths become file: URIs.
        QCOMPARE(uris("/abs/a_b~c.json"), std::set<std::string>{"file:///abs/a_b~c.json"});
        QCOMPARE(uris("/a b/c.json"), std::set<std::string>{"file:///a%20b/c.json"});
        const std::string awkward = "dir with space#1%/m [\xC3\xA9]?.bulkhead.json";
        const std::set<std::string> encoded = uris(awkward);
        QCOMPARE(encoded, std::set<std::string>{"dir%20with%20space%231%25/m%20%5B%C3%A9%5D%3F.bulkhead.json"});
        QCOMPARE(QUrl::fromPercentEncoding(QByteArray::fromStdString(*encoded.begin())), QString::fromStdString(awkward));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
