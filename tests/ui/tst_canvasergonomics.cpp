// Canvas details a new user trips over: default names, the resize grip, drops near the edge,
// dragging a boundary by its body, paste at the cursor, and badges clear of labels.

#include "canvas/badgeplacement.h"
#include "canvas/boundaryitem.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/elementitem.h"
#include "document.h"
#include "editorwindowfixture.h"
#include "mainwindow.h"
#include "mousehelpers.h"
#include "panels/stencilpalette.h"
#include "report/diagramstyle.h"
#include "uifixtures.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDropEvent>
#include <QMimeData>
#include <QTest>
#include <QUndoStack>

using namespace bulkhead;

namespace {

/** A kind dragged from the palette and dropped at `pos` (viewport coordinates). */
void dropKind(QWidget *viewport, const QString &kind, QPoint pos)
{
    QMimeData mime;
    mime.setData(DiagramScene::kindMimeType(), kind.toUtf8());
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
}

QRectF rectOf(const Rect &r)
{
    return QRectF(r.x, r.y, r.width, r.height);
}

} // namespace

class TestCanvasErgonomics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_fixture.open());
        m_document = m_fixture.document();
        m_window = m_fixture.window();
    }

    void cleanup() { m_fixture.close(); }

    void defaultNamesAreNumberedPerKind()
    {
        DiagramScene *scene = m_window->scene();
        const QString host = scene->addKindAt(QStringLiteral("host"), QPointF(0, 0));
        const QString first = scene->addKindAt(QStringLiteral("container"), QPointF(600, 0));
        const QString second = scene->addKindAt(QStringLiteral("container"), QPointF(600, 200));
        const QString internet = scene->addKindAt(QStringLiteral("internet"), QPointF(-600, 0));
        const ThreatModel &model = m_document->model();
        QCOMPARE(model.findBoundary(host.toStdString())->name, std::string("Host 1"));
        QCOMPARE(model.findElement(first.toStdString())->name, std::string("Container 1"));
        QCOMPARE(model.findElement(second.toStdString())->name, std::string("Container 2"));
        QCOMPARE(model.findBoundary(internet.toStdString())->name, std::string("Internet 1"));
        // A name in use is skipped, not repeated.
        m_document->undoStack()->undo(); // internet
        m_document->setName(first, QStringLiteral("Container 3"));
        const QString third = scene->addKindAt(QStringLiteral("container"), QPointF(600, 400));
        QCOMPARE(model.findElement(third.toStdString())->name, std::string("Container 1"));
    }

    void resizeGripIsBigEnoughToHit()
    {
        QVERIFY(BoundaryItem::handleSize >= 16);
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        const QString id = scene->addKindAt(QStringLiteral("namespace"), QPointF(300, 300));
        const Rect before = m_document->model().findBoundary(id.toStdString())->geometry;
        view->centerOn(QPointF(before.x + before.width, before.y + before.height));
        scene->selectIds({id});
        // 14 px in from the corner: outside the old 12 px grip, inside the new one.
        const QPointF grip(before.x + before.width - 14, before.y + before.height - 14);
        BoundaryItem *item = scene->boundaryItem(id);
        QVERIFY(item->isOnResizeHandle(item->mapFromScene(grip)));
        test::mouseDrag(view->viewport(), view->mapFromScene(grip), view->mapFromScene(grip + QPointF(80, 40)));
        const Rect after = m_document->model().findBoundary(id.toStdString())->geometry;
        // The corner follows the pointer (snapped to the grid): the boundary grew, not moved.
        QCOMPARE(after.x, before.x);
        QCOMPARE(after.y, before.y);
        QVERIFY2(after.width >= before.width + 60, qPrintable(QString::number(after.width)));
        QVERIFY2(after.height >= before.height + 20, qPrintable(QString::number(after.height)));
    }

    void gripCursorOnlyWhenResizable()
    {
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        const QString id = scene->addKindAt(QStringLiteral("namespace"), QPointF(300, 300));
        const Rect r = m_document->model().findBoundary(id.toStdString())->geometry;
        view->centerOn(QPointF(r.x + r.width, r.y + r.height));
        const QPoint grip = view->mapFromScene(QPointF(r.x + r.width - 6, r.y + r.height - 6));
        BoundaryItem *item = scene->boundaryItem(id);
        scene->selectIds({});
        test::mouseMove(view->viewport(), grip - QPoint(40, 0), Qt::NoButton);
        test::mouseMove(view->viewport(), grip, Qt::NoButton);
        QCOMPARE(item->cursor().shape(), Qt::ArrowCursor);
        scene->selectIds({id});
        test::mouseMove(view->viewport(), grip - QPoint(1, 0), Qt::NoButton);
        test::mouseMove(view->viewport(), grip, Qt::NoButton);
        QCOMPARE(item->cursor().shape(), Qt::SizeFDiagCursor);
    }

    void dropsNearTheEdgeStayInView()
    {
        DiagramView *view = m_window->view();
        view->centerOn(QPointF(400, 300));
        const QRect viewport = view->viewport()->rect();
        // Adding items grows the scene, which may scroll the view: what is in view is read
        // at each drop.
        auto visibleNow = [&] { return view->mapToScene(viewport).boundingRect(); };
        QRectF visible = visibleNow();
        const ThreatModel &model = m_document->model();
        // Centred on a drop 5 px from the corner, an element would hang half out of view.
        dropKind(view->viewport(), QStringLiteral("container"), viewport.bottomRight() - QPoint(5, 5));
        QCOMPARE(model.elements().size(), std::size_t(1));
        const QRectF element = rectOf(model.elements()[0].geometry);
        QVERIFY2(visible.contains(element), qPrintable(QStringLiteral("%1,%2").arg(element.x()).arg(element.y())));
        // A boundary goes with its top-left corner at the drop point (snapped), not centred.
        const QPoint nearTopLeft = viewport.topLeft() + QPoint(60, 60);
        visible = visibleNow();
        dropKind(view->viewport(), QStringLiteral("host"), nearTopLeft);
        QCOMPARE(model.boundaries().size(), std::size_t(1));
        const QRectF host = rectOf(model.boundaries()[0].geometry);
        QVERIFY(visible.contains(host));
        const QPointF dropped = view->mapToScene(nearTopLeft);
        QVERIFY2(std::abs(host.left() - dropped.x()) <= DiagramScene::gridSize / 2
                     && std::abs(host.top() - dropped.y()) <= DiagramScene::gridSize / 2,
                 qPrintable(QStringLiteral("%1,%2").arg(host.left()).arg(host.top())));
        // Near the far edge it is pulled back in whole.
        visible = visibleNow();
        dropKind(view->viewport(), QStringLiteral("namespace"), viewport.bottomRight() - QPoint(30, 30));
        QCOMPARE(model.boundaries().size(), std::size_t(2));
        const QRectF pulledBack = rectOf(model.boundaries()[1].geometry);
        QVERIFY2(visible.contains(pulledBack),
                 qPrintable(QStringLiteral("%1,%2 %3x%4 not in %5,%6 %7x%8")
                                .arg(pulledBack.x()).arg(pulledBack.y()).arg(pulledBack.width()).arg(pulledBack.height())
                                .arg(visible.x()).arg(visible.y()).arg(visible.width()).arg(visible.height())));
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Add Namespace"));
    }

    void clickPlacedBoundaryStaysInView()
    {
        DiagramView *view = m_window->view();
        view->centerOn(QPointF(400, 300));
        const QRect viewport = view->viewport()->rect();
        const QRectF visible = view->mapToScene(viewport).boundingRect();
        m_window->scene()->startPlacing(QStringLiteral("host"));
        test::mouseClick(view->viewport(), viewport.bottomRight() - QPoint(10, 10));
        QCOMPARE(m_document->model().boundaries().size(), std::size_t(1));
        QVERIFY(visible.contains(rectOf(m_document->model().boundaries()[0].geometry)));
    }

    void boundaryDragsByItsEmptyInterior()
    {
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        const QString host = scene->addKindAt(QStringLiteral("host"), QPointF(400, 300));
        const QString inside = scene->addKindAt(QStringLiteral("container"), QPointF(460, 360));
        const ThreatModel &model = m_document->model();
        QCOMPARE(model.findElement(inside.toStdString())->boundary, host.toStdString());
        scene->clearSelection();
        view->centerOn(QPointF(400, 300));
        const Rect hostBefore = model.findBoundary(host.toStdString())->geometry;
        const Rect insideBefore = model.findElement(inside.toStdString())->geometry;
        const int steps = m_document->undoStack()->count();
        // Well below the title bar and clear of the container: the empty interior.
        const QPointF interior(hostBefore.x + 40, hostBefore.y + hostBefore.height - 30);
        QVERIFY(!scene->elementItem(inside)->sceneShapeRect().contains(interior));
        test::mouseDrag(view->viewport(), view->mapFromScene(interior),
                        view->mapFromScene(interior + QPointF(60, 40)), 8);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Move 1 item"));
        QCOMPARE(model.findBoundary(host.toStdString())->geometry.x, hostBefore.x + 60);
        QCOMPARE(model.findBoundary(host.toStdString())->geometry.y, hostBefore.y + 40);
        QCOMPARE(model.findElement(inside.toStdString())->geometry.x, insideBefore.x + 60);
        QCOMPARE(model.findElement(inside.toStdString())->geometry.y, insideBefore.y + 40);
        m_document->undoStack()->undo();
        QCOMPARE(model.findBoundary(host.toStdString())->geometry, hostBefore);
        QCOMPARE(model.findElement(inside.toStdString())->geometry, insideBefore);
        // The canvas follows the undo too: the contents are back in place, not carried off.
        QCOMPARE(scene->elementItem(inside)->sceneShapeRect().topLeft(), QPointF(insideBefore.x, insideBefore.y));

        // A press on the child drags the child alone.
        const QPointF onChild = scene->elementItem(inside)->sceneShapeRect().center();
        test::mouseDrag(view->viewport(), view->mapFromScene(onChild),
                        view->mapFromScene(onChild + QPointF(-20, 0)), 8);
        QCOMPARE(model.findBoundary(host.toStdString())->geometry, hostBefore);
        QCOMPARE(model.findElement(inside.toStdString())->geometry.x, insideBefore.x - 20);
        m_document->undoStack()->undo();

        // Outside every boundary a drag still draws a rubber band, and moves nothing.
        const int before = m_document->undoStack()->count();
        const QPointF outside(hostBefore.x - 60, hostBefore.y - 60);
        test::mouseDrag(view->viewport(), view->mapFromScene(outside),
                        view->mapFromScene(QPointF(hostBefore.x + hostBefore.width + 20,
                                                   hostBefore.y + hostBefore.height + 20)));
        QCOMPARE(m_document->undoStack()->count(), before);
        QStringList selected = scene->selectedIds();
        QVERIFY(selected.contains(host) && selected.contains(inside));
    }

    void pasteGoesAtTheCursorWithCopyNames()
    {
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        const QString web = scene->addKindAt(QStringLiteral("container"), QPointF(300, 300));
        m_document->setName(web, QStringLiteral("Web"));
        view->centerOn(QPointF(500, 400));
        scene->selectIds({web});
        scene->copySelection();
        const ThreatModel &model = m_document->model();
        auto pasteAt = [&](QPointF scenePoint, bool viaMenu) {
            QCursor::setPos(view->viewport()->mapToGlobal(view->mapFromScene(scenePoint)));
            QCOMPARE(scene->pointerPosition().has_value(), true);
            const int steps = m_document->undoStack()->count();
            if (viaMenu) {
                QAction *paste = nullptr;
                for (QAction *action : m_window->findChildren<QAction *>()) {
                    if (action->shortcut() == QKeySequence(QKeySequence::Paste))
                        paste = action;
                }
                QVERIFY(paste);
                paste->trigger();
            } else {
                QTest::keyClick(view->viewport(), Qt::Key_V, Qt::ControlModifier);
            }
            QCOMPARE(m_document->undoStack()->count(), steps + 1);
            QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Paste 1 item"));
            const Element &pasted = model.elements().back();
            const QPointF centre = rectOf(pasted.geometry).center();
            QVERIFY2(std::abs(centre.x() - scenePoint.x()) <= DiagramScene::gridSize
                         && std::abs(centre.y() - scenePoint.y()) <= DiagramScene::gridSize,
                     qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
        };
        pasteAt(QPointF(600, 480), false);
        QCOMPARE(model.elements().back().name, std::string("Web copy"));
        pasteAt(QPointF(400, 500), true);
        QCOMPARE(model.elements().back().name, std::string("Web copy 2"));
        QCOMPARE(model.elements().size(), std::size_t(3));
        m_document->undoStack()->undo();
        QCOMPARE(model.elements().size(), std::size_t(2));
    }

    void pasteAwayFromTheViewStaysInTheSameBoundary()
    {
        DiagramScene *scene = m_window->scene();
        const QString host = scene->addKindAt(QStringLiteral("host"), QPointF(400, 300));
        const Rect area = m_document->model().findBoundary(host.toStdString())->geometry;
        // In the host's lower right corner: 40 px further would straddle its border.
        const QString web = scene->addKindAt(QStringLiteral("container"),
                                             QPointF(area.x + area.width - 90, area.y + area.height - 50));
        QCOMPARE(m_document->model().findElement(web.toStdString())->boundary, host.toStdString());
        scene->selectIds({web});
        scene->copySelection();
        StencilPalette *palette = m_window->palette();
        QCursor::setPos(palette->mapToGlobal(palette->rect().center()));
        QVERIFY(!scene->pointerPosition());
        scene->paste();
        const Element &pasted = m_document->model().elements().back();
        QVERIFY(pasted.id != web.toStdString());
        QCOMPARE(pasted.boundary, host.toStdString());
        QVERIFY2(rectOf(area).contains(rectOf(pasted.geometry)),
                 qPrintable(QStringLiteral("%1,%2").arg(pasted.geometry.x).arg(pasted.geometry.y)));
        QCOMPARE(scene->elementItem(QString::fromStdString(pasted.id))->parentItem(),
                 scene->boundaryItem(host));
        QVERIFY(!(pasted.geometry == m_document->model().findElement(web.toStdString())->geometry));
        QCOMPARE(pasted.name, std::string("Container 1 copy"));
    }

    void badgesStayClearOfTheirLabel()
    {
        test::addPrivilegedContainerOnHost(*m_document, "web");
        DiagramScene *scene = m_window->scene();
        ElementItem *item = scene->elementItem(QStringLiteral("web"));
        QTRY_VERIFY(item->badgeCount() > 0);
        // A short element whose first line of name runs to the right edge: the old top-right
        // badge sat on it.
        QFont nameFont = scene->font();
        nameFont.setPointSizeF(diagramstyle::elementNamePoints);
        nameFont.setBold(true);
        const qreal word = QFontMetricsF(nameFont).horizontalAdvance(QStringLiteral("Gateway"));
        const qreal textLeft = diagramstyle::elementIconLeft + diagramstyle::elementIconSize
                               + diagramstyle::elementTextGap;
        const qreal snugWidth = std::ceil(textLeft + word + 8);
        struct Case
        {
            QString name;
            Rect geometry;
        };
        const Case cases[] = {
            {QStringLiteral("Gateway service"), {100, 100, snugWidth, 40}},
            {QStringLiteral("Web"), {100, 100, 140, 70}},
            {QStringLiteral("nginx reverse proxy for the shop front"), {100, 100, 140, 70}},
            {QStringLiteral("nginx reverse proxy for the shop front"), {100, 100, 140, 36}},
            {QStringLiteral("averyveryveryverylongservicenamewithoutspaces"), {100, 100, 100, 30}},
        };
        bool oldSpotWasCovered = false;
        for (const Case &c : cases) {
            m_document->setName(QStringLiteral("web"), c.name);
            m_document->setGeometry(QStringLiteral("web"), c.geometry);
            QTRY_VERIFY(item->badgeCount() > 0);
            QTRY_COMPARE(item->size(), QSizeF(c.geometry.width, c.geometry.height));
            const QRectF label = item->labelRect();
            const QRectF oldSpot = badgeplacement::discAt(QPointF(c.geometry.width - 2, 0), item->badgeCount());
            oldSpotWasCovered = oldSpotWasCovered || oldSpot.intersects(label);
            QTRY_VERIFY2(!badgeplacement::discAt(item->badgeCentre(), item->badgeCount()).intersects(label),
                         qPrintable(c.name));
        }
        QVERIFY(oldSpotWasCovered); // the cases reach the overlap this guards against
    }

private:
    test::EditorWindowFixture m_fixture;
    Document *m_document = nullptr;
    MainWindow *m_window = nullptr;
};

QTEST_MAIN(TestCanvasErgonomics)
#include "tst_canvasergonomics.moc"
