// The budgets of core/limits.h on models: what the reader refuses, what validation reports for
// models built in memory, and that every walk over boundaries and flows stays near-linear.
// Worst cases are sized so that the quadratic code they replaced would run past the test's
// timeout (the figures are in docs/performance.md); nothing here is timed.

#include "analysis/analysis.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "core/limits.h"
#include "core/modellimits.h"
#include "io/modelreader.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/reportmodel.h"
#include "testfiles.h"
#include "worstcases.h"

#include <QProcess>
#include <QTest>

#include <algorithm>
#include <sstream>

using namespace bulkhead;

namespace {

QString budgetFile(const char *name)
{
    return test::dataPath(QStringLiteral("budgets/") + QLatin1String(name));
}

/** The reader's message for a file that must be refused. */
std::string refusal(const std::string &text, const std::string &name = "model.bulkhead.json")
{
    const auto loaded = readModelText(text, name);
    if (loaded)
        return "(loaded)";
    return loaded.error();
}

/** JSON written with ' for ", so that it reads well here (and moc, which parses test classes, copes). */
std::string json(std::string text)
{
    std::replace(text.begin(), text.end(), '\'', '"');
    return text;
}

std::string modelText(const std::string &collections)
{
    return json("{'format': 'bulkhead-threat-model', 'formatVersion': 1, ") + collections + "}";
}

std::vector<Diagnostic> findings(const ThreatModel &model, const std::string &code)
{
    std::vector<Diagnostic> matching;
    for (const Diagnostic &d : validateModel(model, builtInCatalog()))
        if (d.code == code)
            matching.push_back(d);
    return matching;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestModelBudgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- The reader

    void readerRefusesNestingDeeperThanTheBudget()
    {
        const QString path = budgetFile("boundaries-65-deep.bulkhead.json");
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY(!loaded);
        QCOMPARE(QString::fromStdString(loaded.error()),
                 path + QStringLiteral(":67:47: boundaries[64].parent: nested 65 boundaries deep; at most 64 levels are supported"));
        // The probe's 20,000 levels: refused, not walked.
        QVERIFY2(contains(refusal(worstcase::nestedBoundariesText(20000)), "boundaries[64].parent: nested 65 boundaries deep"),
                 refusal(worstcase::nestedBoundariesText(20000)).c_str());
        // The budget itself is allowed.
        const auto deepest = readModelText(worstcase::nestedBoundariesText(limits::maxBoundaryDepth), "deepest");
        QVERIFY2(deepest, deepest.error().c_str());
    }

    void readerRefusesCoordinatesOutsideTheDrawingArea()
    {
        const QString path = budgetFile("far-coordinate.bulkhead.json");
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY(!loaded);
        QCOMPARE(QString::fromStdString(loaded.error()),
                 path + QStringLiteral(":4:79: elements[1].geometry.y: -1e+15 is outside the drawing area "
                                       "(coordinates and sizes lie within ±10,000,000)"));
        QVERIFY(contains(refusal(modelText(json("'boundaries': [{'id': 'b', 'kind': 'host', 'geometry': {'x': 0, 'y': 0, 'w': 1e8, 'h': 1}}]"))),
                         "boundaries[0].geometry.w: 1e+08 is outside the drawing area"));
        QVERIFY(contains(refusal(modelText(json("'flows': [{'id': 'f', 'source': 'a', 'target': 'b', 'points': [{'x': 10000000.5, 'y': 0}]}]"))),
                         "flows[0].points[0].x: 1e+07 is outside the drawing area"));
        const auto edge = readModelText(
            modelText(json("'elements': [{'id': 'e', 'kind': 'container', 'geometry': {'x': -1e7, 'y': 1e7, 'w': 1e7, 'h': 0}}]")), "edge");
        QVERIFY2(edge, edge.error().c_str());
    }

    void readerRefusesNamesOverTheBudget()
    {
        const QString path = budgetFile("long-name.bulkhead.json");
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY(!loaded);
        QCOMPARE(QString::fromStdString(loaded.error()),
                 path + QStringLiteral(":3:46: elements[0].name: 1,001 characters long; names, ids and references are "
                                       "limited to 1,000 characters"));
        // Characters, not bytes: 1,000 two-byte letters are within the budget.
        std::string accented;
        for (int i = 0; i < 1000; ++i)
            accented += "é";
        const auto fine = readModelText(modelText(json("'elements': [{'id': 'e', 'kind': 'container', 'name': '") + accented + "\"}]"), "fine");
        QVERIFY2(fine, fine.error().c_str());
        QCOMPARE(characterCount(fine->model.elements().front().name), std::size_t(1000));
        // Ids and references too; a register's threat id may be two names long.
        const std::string longId(1001, 'i');
        QVERIFY(contains(refusal(modelText(json("'flows': [{'id': 'f', 'source': '") + longId + json("', 'target': 'b'}]"))),
                         "flows[0].source: 1,001 characters long"));
        const std::string threat = std::string(1000, 'r') + "@" + std::string(1000, 's');
        const auto decided = readModelText(modelText(json("'register': [{'threat': '") + threat + json("'}]")), "decided");
        QVERIFY2(decided, decided.error().c_str());
        QVERIFY(contains(refusal(modelText(json("'register': [{'threat': 'x") + threat + json("'}]"))),
                         "register[0].threat: 2,002 characters long"));
    }

    void readerRefusesTextsOverTheBudget()
    {
        const std::string longest(limits::maxTextBytes, 'n');
        const auto fine = readModelText(
            modelText(json("'elements': [{'id': 'e', 'kind': 'container', 'properties': {'notes': '") + longest + "\"}}]"), "fine");
        QVERIFY2(fine, fine.error().c_str());
        QVERIFY(contains(refusal(modelText(json("'elements': [{'id': 'e', 'kind': 'container', 'properties': {'notes': 'n") + longest + "\"}}]")),
                         "elements[0].properties.notes: 65,537 bytes long; texts are limited to 65,536 bytes (64 KiB)"));
        QVERIFY(contains(refusal(modelText(json("'elements': [{'id': 'e', 'kind': 'container', 'properties': {'tags': ['a', 'n") + longest + "\"]}}]")),
                         "elements[0].properties.tags[1]: 65,537 bytes long"));
        QVERIFY(contains(refusal(modelText(json("'register': [{'threat': 't', 'notes': 'n") + longest + "\"}]")),
                         "register[0].notes: 65,537 bytes long"));
        QVERIFY(contains(refusal(modelText(json("'model': {'description': 'n") + longest + "\"}")),
                         "model.description: 65,537 bytes long"));
    }

    void readerRefusesMoreObjectsThanTheBudget()
    {
        std::string elements = json("'elements': [");
        for (std::size_t i = 0; i <= limits::maxElements; ++i)
            elements += std::string(i ? "," : "") + json("{'id':'e") + std::to_string(i) + json("','kind':'container'}");
        QVERIFY(contains(refusal(modelText(elements + "]")), ":1:69: elements: 100,001 elements; a model holds at most 100,000"));
    }

    void cliRefusesOverBudgetFilesWithOneLine()
    {
        for (const char *file : {"boundaries-65-deep.bulkhead.json", "far-coordinate.bulkhead.json", "long-name.bulkhead.json"}) {
            QProcess cli;
            cli.start(QStringLiteral(BULKHEAD_CLI_PATH), {QStringLiteral("validate"), budgetFile(file)});
            QVERIFY(cli.waitForFinished(60000));
            QCOMPARE(cli.exitCode(), 2);
            const QString error = QString::fromUtf8(cli.readAllStandardError());
            QVERIFY2(error.startsWith(QStringLiteral("bulkhead-cli: ") + budgetFile(file) + QLatin1Char(':')), qPrintable(error));
            QCOMPARE(error.count(QLatin1Char('\n')), 1);
        }
    }

    // ---- Validation of models built in memory (editor, imports)

    void validationReportsDeepNestingOnceAndQuickly()
    {
        const ThreatModel model = worstcase::nestedBoundaries(20000);
        const auto deep = findings(model, "boundary-too-deep");
        QCOMPARE(deep.size(), std::size_t(1));
        QCOMPARE(deep.front().subject, std::string("b64"));
        QVERIFY2(contains(deep.front().message, "is nested 65 boundaries deep; at most 64 levels are supported"), deep.front().message.c_str());
        QVERIFY(findings(model, "boundary-cycle").empty());
        const auto atTheBudget = validateModel(worstcase::nestedBoundaries(limits::maxBoundaryDepth), builtInCatalog());
        QVERIFY(!hasErrors(atTheBudget));
    }

    void validationReportsALongCycleOnceInOneShortLine()
    {
        const auto cycles = findings(worstcase::boundaryCycle(20000), "boundary-cycle");
        QCOMPARE(cycles.size(), std::size_t(1));
        QCOMPARE(cycles.front().subject, std::string("c0"));
        QVERIFY2(contains(cycles.front().message, "is inside itself: c0 → c1 → c2 → c3 → c4 → c5 → c6 → c7 → … (19,990 more) → c19998 → c19999 → c0"),
                 cycles.front().message.c_str());
        QVERIFY(cycles.front().message.size() < 300);
        // Short cycles are spelled out, from their first boundary in model order.
        const auto small = findings(worstcase::boundaryCycle(3), "boundary-cycle");
        QCOMPARE(small.size(), std::size_t(1));
        QVERIFY2(contains(small.front().message, "is inside itself: c0 → c1 → c2 → c0"), small.front().message.c_str());
    }

    void validationReportsTextGeometryAndSizeOverTheBudgets()
    {
        ThreatModel texts = worstcase::longTexts(5'000'000, 60'000'000);
        const auto tooLong = findings(texts, "text-too-long");
        QCOMPARE(tooLong.size(), std::size_t(2));
        QVERIFY2(contains(tooLong[0].message, ": name is 5,000,000 characters long; at most 1,000 are allowed"), tooLong[0].message.c_str());
        QVERIFY2(contains(tooLong[1].message, ": property \"notes\" is 60,000,000 bytes long; at most 65,536 are allowed"),
                 tooLong[1].message.c_str());
        // Messages name the element without repeating its 5 MB name.
        for (const Diagnostic &d : validateModel(texts, builtInCatalog()))
            QVERIFY2(d.message.size() < 400, d.code.c_str());

        const auto far = findings(worstcase::farApart(-1e15), "geometry-out-of-range");
        QCOMPARE(far.size(), std::size_t(1));
        QCOMPARE(far.front().subject, std::string("far"));
        QVERIFY(findings(worstcase::farApart(-1e7), "geometry-out-of-range").empty());
        ThreatModel bent = worstcase::farApart(0);
        const_cast<Flow *>(bent.findFlow("across"))->points.push_back({1e300, 0});
        QCOMPARE(findings(bent, "geometry-out-of-range").size(), std::size_t(1));

        const auto large = findings(worstcase::manyElements(limits::maxElements + 1, 0), "model-too-large");
        QCOMPARE(large.size(), std::size_t(1));
        QVERIFY2(contains(large.front().message, "the model has 100,001 elements; Bulkhead handles at most 100,000"), large.front().message.c_str());
    }

    void isolatedElementsAreFoundInOnePass()
    {
        // One scan of all flows per element made this 5·10^9 comparisons.
        ThreatModel model = worstcase::manyElements(50000, 49998);
        const auto isolated = findings(model, "isolated-element");
        QCOMPARE(isolated.size(), std::size_t(1));
        QCOMPARE(isolated.front().subject, std::string("e49999"));
    }

    // ---- ThreatModel

    void appendingThroughInsertKeepsEveryLookup()
    {
        // Rebuilding the index on each insert made 50,000 of them 1.25·10^9 hash insertions.
        ThreatModel model;
        for (int i = 0; i < 50000; ++i) {
            Flow f;
            f.id = "f" + std::to_string(i);
            model.insertFlow(model.flows().size(), f);
        }
        for (int i = 0; i < 50000; i += 997)
            QCOMPARE(model.flowPosition("f" + std::to_string(i)), i);
        QVERIFY(model.removeFlow("f49999"));
        QCOMPARE(model.flowPosition("f49999"), -1);
        QCOMPARE(model.flowPosition("f49998"), 49998);
    }

    void insertingInTheMiddleKeepsTheFirstHolderOfAnId()
    {
        ThreatModel model;
        for (const char *id : {"a", "b", "c"}) {
            Element e;
            e.id = id;
            model.addElement(e);
        }
        Element second;
        second.id = "c"; // a duplicate, as files may hold for validation to report
        second.name = "inserted";
        model.insertElement(1, second);
        QCOMPARE(model.elementPosition("a"), 0);
        QCOMPARE(model.elementPosition("b"), 2);
        QCOMPARE(model.elementPosition("c"), 1);
        QCOMPARE(model.findElement("c")->name, std::string("inserted"));
        Element last;
        last.id = "a";
        model.insertElement(99, last);
        QCOMPARE(model.elementPosition("a"), 0); // the earlier holder stays first
        QVERIFY(model.removeElement("c"));
        QCOMPARE(model.elementPosition("c"), 2); // the later holder takes over
        QCOMPARE(model.elementPosition("b"), 1);
        QVERIFY(model.removeElement("a"));
        QCOMPARE(model.elementPosition("a"), 2);
    }

    void chainsStopAtTheDepthBudget()
    {
        const ThreatModel model = worstcase::nestedBoundaries(20000);
        const Element &deep = *model.findElement("deep");
        const auto chain = model.boundaryChain(deep);
        QCOMPARE(chain.size(), limits::maxBoundaryDepth);
        QCOMPARE(chain.front()->id, std::string("b19999"));
        QCOMPARE(model.enclosingBoundaries(*model.findBoundary("b19999")).size(), limits::maxBoundaryDepth - 1);
        QCOMPARE(model.boundariesCrossed(*model.findFlow("calls")).size(), limits::maxBoundaryDepth + 1);
        const auto levels = boundaryNestingLevels(model);
        QCOMPARE(levels.back(), std::size_t(20000));
        QCOMPARE(boundaryNestingLevels(worstcase::boundaryCycle(5)), std::vector<std::size_t>(5, 0));
    }

    void deepNestingAnalysesAndReportsAtBoundedCost()
    {
        // The probe: analysis 38 s and the report 90 s at 5,000 levels, minutes at 20,000.
        const ThreatModel model = worstcase::nestedBoundaries(20000);
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        QVERIFY(!result.threats.empty());
        const std::string svg = diagramToSvg(model, builtInCatalog());
        QVERIFY(contains(svg, "b19999"));
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
        std::ostringstream html;
        writeHtmlReport(html, report, svg);
        QVERIFY(contains(html.str(), "</html>"));
    }

    // ---- Reports

    void htmlReportElidesLongTexts()
    {
        const ThreatModel model = worstcase::longTexts(5'000'000, 60'000'000);
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
        std::ostringstream out;
        writeHtmlReport(out, report, diagramToSvg(model, builtInCatalog()));
        const std::string html = out.str();
        QVERIFY2(html.size() < 2'000'000, std::to_string(html.size()).c_str());
        QVERIFY(contains(html, std::string(limits::maxReportNameLength, 'x') + "…"));
        QVERIFY(!contains(html, std::string(limits::maxReportNameLength + 1, 'x')));
        QVERIFY(contains(html, std::string(limits::maxReportTextLength, 'n') + "…"));
        QVERIFY(!contains(html, std::string(limits::maxReportTextLength + 1, 'n')));
    }
};

QTEST_GUILESS_MAIN(TestModelBudgets)
#include "tst_modelbudgets.moc"
