#include "core/threatmodel.h"
#include "io/modelreader.h"
#include "layout/graphvizlayoutengine.h"
#include "syntheticdeployment.h"
#include "testfiles.h"

#include <QDir>
#include <QTest>

using namespace bulkhead;

namespace {

bool overlaps(const Rect &a, const Rect &b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every property the layout promises, checked on the laid-out model. */
void checkArrangement(const ThreatModel &model)
{
    const auto &elements = model.elements();
    for (std::size_t i = 0; i < elements.size(); ++i) {
        QVERIFY2(elements[i].geometry.width > 0 && elements[i].geometry.height > 0, elements[i].id.c_str());
        for (std::size_t j = i + 1; j < elements.size(); ++j)
            QVERIFY2(!overlaps(elements[i].geometry, elements[j].geometry),
                     (elements[i].id + " overlaps " + elements[j].id).c_str());
        for (const Boundary *b : model.boundaryChain(elements[i]))
            QVERIFY2(b->geometry.contains(elements[i].geometry), (elements[i].id + " outside " + b->id).c_str());
    }
    for (const Boundary &b : model.boundaries()) {
        QVERIFY2(b.geometry.width > 0 && b.geometry.height > 0, b.id.c_str());
        for (const Boundary *outer : model.enclosingBoundaries(b))
            QVERIFY2(outer->geometry.contains(b.geometry), (b.id + " outside " + outer->id).c_str());
    }
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examplesAndGenerated_data()
    {
        QTest::addColumn<QString>("example");
        const QDir dir(test::sourcePath(QStringLiteral("examples")));
        for (const QString &name : dir.entryList({QStringLiteral("*.bulkhead.json")}))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        QTest::newRow("generated 500 elements") << QString();
    }

    void examplesAndGenerated()
    {
        QFETCH(QString, example);
        ThreatModel model;
        if (example.isEmpty()) {
            model = bench::makeSyntheticDeployment(500);
        } else {
            auto loaded = readModelFile(example.toStdString());
            QVERIFY2(loaded, loaded.error().c_str());
            model = std::move(loaded->model);
        }
        GraphvizLayoutEngine engine;
        const auto first = engine.layout(model);
        QVERIFY2(first, first.error().c_str());
        QCOMPARE(first->elements.size(), model.elements().size());
        QCOMPARE(first->boundaries.size(), model.boundaries().size());
        applyLayout(model, *first);
        checkArrangement(model);
        // The same input gives the same output.
        const auto second = engine.layout(model);
        QVERIFY(second);
        QVERIFY(first->elements == second->elements);
        QVERIFY(first->boundaries == second->boundaries);
    }

    void sameGeometryWhateverWasLaidOutBefore()
    {
        // Graphviz keeps state in the process; a layout must not depend on it, nor on where
        // the allocator put earlier graphs. Each model is laid out first in a fresh order, then
        // again after all the others, in reverse order.
        std::vector<ThreatModel> models;
        const QDir dir(test::sourcePath(QStringLiteral("examples")));
        for (const QString &name : dir.entryList({QStringLiteral("*.bulkhead.json")})) {
            auto loaded = readModelFile(dir.filePath(name).toStdString());
            QVERIFY2(loaded, loaded.error().c_str());
            models.push_back(std::move(loaded->model));
        }
        models.push_back(bench::makeSyntheticDeployment(200));
        QVERIFY(models.size() > 3);
        GraphvizLayoutEngine engine;
        std::vector<LayoutResult> first;
        for (const ThreatModel &model : models) {
            auto arranged = engine.layout(model);
            QVERIFY2(arranged, arranged.error().c_str());
            first.push_back(std::move(*arranged));
        }
        for (std::size_t i = models.size(); i-- > 0;) {
            const auto again = engine.layout(models[i]);
            QVERIFY(again);
            QVERIFY2(again->elements == first[i].elements, qPrintable(QStringLiteral("model %1").arg(i)));
            QVERIFY2(again->boundaries == first[i].boundaries, qPrintable(QStringLiteral("model %1").arg(i)));
        }
    }

    void emptyBoundaryStillGetsAnArea()
    {
        ThreatModel model;
        model.addBoundary({"outer", "cluster", "Cluster", "", {}, {}});
        model.addBoundary({"ns", "namespace", "Empty namespace", "outer", {}, {}});
        model.addElement({"a", "container", "A", "outer", {}, {}});
        const auto arranged = GraphvizLayoutEngine().layout(model);
        QVERIFY(arranged);
        applyLayout(model, *arranged);
        checkArrangement(model);
    }

    void brokenNestingDoesNotStopTheLayout()
    {
        ThreatModel model;
        model.addBoundary({"a", "host", "A", "b", {}, {}});
        model.addBoundary({"b", "cluster", "B", "a", {}, {}}); // a cycle
        model.addElement({"x", "container", "X", "a", {}, {}});
        model.addFlow({"f", "f", "x", "missing", false, {}, {}});
        const auto arranged = GraphvizLayoutEngine().layout(model);
        QVERIFY2(arranged, arranged.error().c_str());
        QCOMPARE(arranged->elements.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
