#include "canvas/boundaryitem.h"
#include "canvas/canvastool.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/elementitem.h"
#include "canvas/flowitem.h"
#include "canvas/itemtypes.h"
#include "catalog/catalog.h"
#include "document.h"
#include "mousehelpers.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <memory>
#include <set>

using namespace bulkhead;

/**
 * The canvas's tools, clipboard and mirroring, on a scene and view of their own: tools get
 * the mouse, duplicate leaves the clipboard alone, and only geometry changes re-route flows.
 */
class TestCanvasTools : public QObject
{
    Q_OBJECT

private:
    QPoint at(QPointF scenePoint) const { return m_view->mapFromScene(scenePoint); }

    /** Two containers at (100,100) and (400,100) joined by a flow; ids in m_a, m_b, m_flow. */
    void addTwoElementsAndAFlow()
    {
        m_a = m_scene->addKindAt(QStringLiteral("container"), QPointF(100, 100));
        m_b = m_scene->addKindAt(QStringLiteral("database"), QPointF(400, 100));
        Flow flow{"flow-x", "queries", m_a.toStdString(), m_b.toStdString(), false, {}, {}};
        m_document->insertFlow(0, flow);
        m_flow = QStringLiteral("flow-x");
        // The scene grew: let the view settle before mapping points onto it.
        QCoreApplication::processEvents();
        m_view->centerOn(QPointF(250, 150));
    }

    /** A third container at (100,300), below m_a, added by an undoable command. */
    QString addSourceBelow()
    {
        const QString id = m_scene->addKindAt(QStringLiteral("container"), QPointF(100, 300));
        QCoreApplication::processEvents();
        m_view->centerOn(QPointF(250, 150));
        return id;
    }

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_scene = std::make_unique<DiagramScene>(m_document.get());
        m_view = std::make_unique<DiagramView>(m_scene.get());
        m_view->resize(900, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->resetZoom();
        m_view->centerOn(QPointF(250, 150));
    }

    void cleanup()
    {
        m_view.reset();
        m_scene.reset();
        m_document.reset();
    }

    void itemsTellTheirTypeWithoutDynamicCast()
    {
        addTwoElementsAndAFlow();
        QGraphicsItem *element = m_scene->elementItem(m_a);
        QGraphicsItem *flow = m_scene->flowItem(m_flow);
        QCOMPARE(element->type(), int(SceneItemType::Element));
        QCOMPARE(flow->type(), int(SceneItemType::Flow));
        QVERIFY(qgraphicsitem_cast<ElementItem *>(element));
        QVERIFY(!qgraphicsitem_cast<BoundaryItem *>(element));
        QCOMPARE(nodeItemCast(element), static_cast<NodeItem *>(m_scene->elementItem(m_a)));
        QVERIFY(!nodeItemCast(flow));
        QCOMPARE(diagramItemId(element), m_a);
        QCOMPARE(diagramItemId(flow), m_flow);
        QGraphicsRectItem band(0, 0, 10, 10);
        QVERIFY(diagramItemId(&band).isEmpty());
        QVERIFY(!nodeItemCast(&band));
    }

    void eachToolSetsTheViewsCursorAndDragMode()
    {
        QCOMPARE(m_scene->activeTool().kind(), DiagramScene::Tool::Select);
        QCOMPARE(m_view->dragMode(), QGraphicsView::RubberBandDrag);
        QCOMPARE(m_view->viewport()->cursor().shape(), Qt::ArrowCursor);
        m_scene->setTool(DiagramScene::Tool::Connect);
        QCOMPARE(m_scene->activeTool().kind(), DiagramScene::Tool::Connect);
        QCOMPARE(m_view->dragMode(), QGraphicsView::NoDrag);
        QCOMPARE(m_view->viewport()->cursor().shape(), Qt::CrossCursor);
        m_scene->startPlacing(QStringLiteral("host"));
        QCOMPARE(m_scene->tool(), DiagramScene::Tool::Place);
        QCOMPARE(m_scene->placingKind(), QStringLiteral("host"));
        QTest::keyClick(m_view->viewport(), Qt::Key_Escape);
        QCOMPARE(m_scene->tool(), DiagramScene::Tool::Select);
        QVERIFY(m_scene->placingKind().isEmpty());
    }

    void switchingToolsDropsAHalfDrawnBoundary()
    {
        m_scene->startPlacing(QStringLiteral("host"));
        const int itemsBefore = int(m_scene->items().size());
        test::mousePress(m_view->viewport(), at(QPointF(0, 0)));
        test::mouseMove(m_view->viewport(), at(QPointF(200, 150)));
        QCOMPARE(int(m_scene->items().size()), itemsBefore + 1); // the rubber band
        m_scene->setTool(DiagramScene::Tool::Select);
        QCOMPARE(int(m_scene->items().size()), itemsBefore);
        test::mouseRelease(m_view->viewport(), at(QPointF(200, 150)));
        QVERIFY(m_document->model().boundaries().empty());
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void rubberBandThenDragMovesTheSelectionInOneStep()
    {
        addTwoElementsAndAFlow();
        m_document->undoStack()->clear();
        // Items are 140×70 centred on their points; the band covers both.
        test::mouseDrag(m_view->viewport(), at(QPointF(0, 40)), at(QPointF(500, 170)));
        QCOMPARE(m_scene->selectedIds(), (QStringList{m_a, m_b, m_flow}));
        const Rect a = m_document->model().findElement(m_a.toStdString())->geometry;
        const Rect b = m_document->model().findElement(m_b.toStdString())->geometry;
        test::mouseDrag(m_view->viewport(), at(QPointF(100, 100)), at(QPointF(160, 140)), 8);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Move 2 items"));
        const Rect movedA = m_document->model().findElement(m_a.toStdString())->geometry;
        const Rect movedB = m_document->model().findElement(m_b.toStdString())->geometry;
        QCOMPARE(movedA.x - a.x, 60.0);
        QCOMPARE(movedA.y - a.y, 40.0);
        QCOMPARE(movedB.x - b.x, 60.0);
        QCOMPARE(movedB.y - b.y, 40.0);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->model().findElement(m_a.toStdString())->geometry, a);
    }

    void connectToolDrawsAFlow()
    {
        addTwoElementsAndAFlow();
        m_scene->setTool(DiagramScene::Tool::Connect);
        test::mouseDrag(m_view->viewport(), at(QPointF(400, 100)), at(QPointF(100, 100)));
        QCOMPARE(m_document->model().flows().size(), std::size_t(2));
        const Flow &drawn = m_document->model().flows()[1];
        QCOMPARE(drawn.source, m_b.toStdString());
        QCOMPARE(drawn.target, m_a.toStdString());
        QCOMPARE(m_scene->selectedIds(), QStringList{QString::fromStdString(drawn.id)});
        // A drag that ends on empty canvas adds nothing and leaves no line behind.
        const int itemsBefore = int(m_scene->items().size());
        test::mouseDrag(m_view->viewport(), at(QPointF(100, 100)), at(QPointF(250, 300)));
        QCOMPARE(m_document->model().flows().size(), std::size_t(2));
        QCOMPARE(int(m_scene->items().size()), itemsBefore);
    }

    void connectDragWhoseSourceIsUndoneEndsWithoutAFlow()
    {
        addTwoElementsAndAFlow();
        const int itemsWithoutSource = int(m_scene->items().size());
        const QString source = addSourceBelow();
        m_scene->setTool(DiagramScene::Tool::Connect);
        const int itemsBefore = int(m_scene->items().size());
        test::mousePress(m_view->viewport(), at(QPointF(100, 300)));
        test::mouseMove(m_view->viewport(), at(QPointF(100, 250)));
        QCOMPARE(int(m_scene->items().size()), itemsBefore + 1); // the line being drawn
        // Ctrl+Z in the middle of the drag takes the source element, and its item, away.
        m_document->undoStack()->undo();
        QVERIFY(!m_scene->elementItem(source));
        QVERIFY(!m_document->model().findElement(source.toStdString()));
        test::mouseMove(m_view->viewport(), at(QPointF(100, 150)));
        test::mouseRelease(m_view->viewport(), at(QPointF(100, 100))); // over element m_a
        QCOMPARE(m_document->model().flows().size(), std::size_t(1));
        QCOMPARE(int(m_scene->items().size()), itemsWithoutSource); // the line went with it
        QVERIFY(m_document->undoStack()->canRedo()); // no new command replaced the undone one
    }

    void connectDragWhoseSourceIsUndoneAtOnceReleasesCleanly()
    {
        addTwoElementsAndAFlow();
        const QString source = addSourceBelow();
        m_scene->setTool(DiagramScene::Tool::Connect);
        test::mousePress(m_view->viewport(), at(QPointF(100, 300)));
        m_document->undoStack()->undo();
        QVERIFY(!m_scene->elementItem(source));
        test::mouseRelease(m_view->viewport(), at(QPointF(100, 100)));
        QCOMPARE(m_document->model().flows().size(), std::size_t(1));
        QVERIFY(m_document->undoStack()->canRedo());
    }

    void oneItemIsNamedInTheSingular()
    {
        addTwoElementsAndAFlow();
        m_document->undoStack()->clear();
        test::mouseDrag(m_view->viewport(), at(QPointF(100, 100)), at(QPointF(160, 140)), 8);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Move 1 item"));
        m_scene->selectIds({m_b});
        m_scene->duplicateSelection();
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Paste 1 item"));
    }

    void duplicateLeavesTheClipboardAlone()
    {
        addTwoElementsAndAFlow();
        QClipboard *clipboard = QApplication::clipboard();
        clipboard->setText(QStringLiteral("what the user copied"));
        QSignalSpy changes(clipboard, &QClipboard::dataChanged);
        m_scene->selectIds({m_a, m_b});
        m_scene->duplicateSelection();
        QCOMPARE(m_document->model().elements().size(), std::size_t(4));
        QCOMPARE(m_document->model().flows().size(), std::size_t(2));
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Paste 3 items"));
        QCOMPARE(changes.count(), 0); // not even set and restored
        QCOMPARE(clipboard->text(), QStringLiteral("what the user copied"));
        QVERIFY(!clipboard->mimeData()->hasFormat(DiagramScene::itemsMimeType()));
        // The copies are selected, 40 px down and right of the originals.
        const QStringList copies = m_scene->selectedIds();
        QCOMPARE(copies.size(), 3);
        const Element *copyOfA = m_document->model().findElement(copies[0].toStdString());
        const Element *a = m_document->model().findElement(m_a.toStdString());
        QCOMPARE(copyOfA->geometry.x, a->geometry.x + 40);
        QCOMPARE(copyOfA->geometry.y, a->geometry.y + 40);
    }

    void duplicateOfNothingAddsNothing()
    {
        addTwoElementsAndAFlow();
        m_scene->selectIds({m_a});
        m_scene->copySelection();
        const int steps = m_document->undoStack()->count();
        m_scene->selectIds({});
        m_scene->duplicateSelection(); // the clipboard's element is not pasted instead
        QCOMPARE(m_document->undoStack()->count(), steps);
        QCOMPARE(m_document->model().elements().size(), std::size_t(2));
    }

    void copyThenPasteGoesThroughTheClipboard()
    {
        addTwoElementsAndAFlow();
        m_scene->selectIds({m_a, m_b});
        m_scene->copySelection();
        const QMimeData *mime = QApplication::clipboard()->mimeData();
        QVERIFY(mime->hasFormat(DiagramScene::itemsMimeType()));
        QVERIFY(mime->text().contains(QStringLiteral("\"queries\""))); // the flow between them
        m_scene->paste();
        m_scene->paste();
        QCOMPARE(m_document->model().elements().size(), std::size_t(6));
        QCOMPARE(m_document->model().flows().size(), std::size_t(3));
        std::set<std::string> ids;
        for (const Element &e : m_document->model().elements())
            ids.insert(e.id);
        QCOMPARE(ids.size(), std::size_t(6));
    }

    void pasteOfSomethingElseDoesNothing()
    {
        addTwoElementsAndAFlow();
        const int steps = m_document->undoStack()->count();
        QApplication::clipboard()->setText(QStringLiteral("{\"not\": \"a model\"}"));
        m_scene->paste();
        auto *mime = new QMimeData;
        mime->setData(DiagramScene::itemsMimeType(), QByteArray("{ truncated"));
        QApplication::clipboard()->setMimeData(mime);
        m_scene->paste();
        QCOMPARE(m_document->undoStack()->count(), steps);
        QCOMPARE(m_document->model().elements().size(), std::size_t(2));
    }

    void onlyGeometryChangesRerouteFlows()
    {
        addTwoElementsAndAFlow();
        FlowItem *flow = m_scene->flowItem(m_flow);
        const QRectF routed = flow->boundingRect();
        // Put the flow on a detour: whatever re-routes it brings it back.
        flow->updatePath(m_scene->elementItem(m_a), m_scene->elementItem(m_b), 200);
        const QRectF detour = flow->boundingRect();
        QVERIFY(detour != routed);
        m_document->setName(m_a, QStringLiteral("renamed"));
        m_document->setProperty(m_b, "privileged", PropertyValue(true));
        m_document->setFlowBidirectional(m_flow, true);
        m_document->setContainer(m_a, QString());
        QCOMPARE(flow->boundingRect(), detour);
        const Rect geometry = m_document->model().findElement(m_a.toStdString())->geometry;
        m_document->setGeometry(m_a, geometry);
        QCOMPARE(flow->boundingRect(), routed);
    }

    void itemChangedSaysWhatChanged()
    {
        addTwoElementsAndAFlow();
        QSignalSpy spy(m_document.get(), &Document::itemChanged);
        m_document->setName(m_a, QStringLiteral("renamed"));
        m_document->setGeometry(m_a, Rect{0, 0, 140, 70});
        m_document->setContainer(m_a, QString());
        m_document->setProperty(m_a, "privileged", PropertyValue(true));
        m_document->setFlowBidirectional(m_flow, true);
        QCOMPARE(spy.count(), 5);
        const std::vector<ItemChange> expected{ItemChange::Name, ItemChange::Geometry,
                                               ItemChange::Container, ItemChange::Properties,
                                               ItemChange::Direction};
        for (int i = 0; i < spy.count(); ++i)
            QCOMPARE(spy.at(i).at(2).value<ItemChanges>(), ItemChanges(expected[std::size_t(i)]));
    }

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<DiagramScene> m_scene;
    std::unique_ptr<DiagramView> m_view;
    QString m_a;
    QString m_b;
    QString m_flow;
};

QTEST_MAIN(TestCanvasTools)
#include "tst_canvastools.moc"
