// finishImport lays the model out with the engine its caller passes, and reports a layout
// failure instead of failing the import.

#include "catalog/catalog.h"
#include "import/importresult.h"
#include "layout/layoutengine.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

/** A layout engine that returns a fixed arrangement, or a fixed error, and counts its calls. */
class FixedLayoutEngine : public LayoutEngine
{
public:
    Result<LayoutResult> layout(const ThreatModel &) override
    {
        ++calls;
        if (!error.empty())
            return Result<LayoutResult>::failure(error);
        return arrangement;
    }

    LayoutResult arrangement;
    std::string error;
    int calls = 0;
};

ImportResult oneContainerOnAHost()
{
    ImportResult result;
    Boundary host;
    host.id = "host";
    host.kind = "host";
    host.name = "Host";
    host.geometry = Rect{0, 0, 10, 10};
    result.model.addBoundary(host);
    Element web;
    web.id = "web";
    web.kind = "container";
    web.name = "web";
    web.boundary = "host";
    web.geometry = Rect{1, 2, 3, 4};
    result.model.addElement(web);
    return result;
}

bool reportsLine(const ImportReport &report, const std::string &line)
{
    return std::find(report.validation.begin(), report.validation.end(), line) != report.validation.end();
}

} // namespace

class TestImportFinish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void laysOutWithTheGivenEngine()
    {
        ImportResult imported = oneContainerOnAHost();
        FixedLayoutEngine engine;
        engine.arrangement.elements["web"] = Rect{100, 200, 150, 70};
        engine.arrangement.boundaries["host"] = Rect{50, 150, 300, 200};
        finishImport(imported, builtInCatalog(), engine);
        QCOMPARE(engine.calls, 1);
        QCOMPARE(imported.model.findElement("web")->geometry, (Rect{100, 200, 150, 70}));
        QCOMPARE(imported.model.findBoundary("host")->geometry, (Rect{50, 150, 300, 200}));
        for (const std::string &line : imported.report.validation)
            QVERIFY2(line.find("layout") == std::string::npos, line.c_str());
    }

    void layoutFailureIsReportedAndKeepsTheGrid()
    {
        ImportResult imported = oneContainerOnAHost();
        FixedLayoutEngine engine;
        engine.error = "dot is not available";
        finishImport(imported, builtInCatalog(), engine);
        QCOMPARE(engine.calls, 1);
        QVERIFY(reportsLine(imported.report, "automatic layout failed: dot is not available"));
        QCOMPARE(imported.model.findElement("web")->geometry, (Rect{1, 2, 3, 4}));
        QCOMPARE(imported.model.findBoundary("host")->geometry, (Rect{0, 0, 10, 10}));
    }
};

QTEST_GUILESS_MAIN(TestImportFinish)
#include "tst_import_finish.moc"
