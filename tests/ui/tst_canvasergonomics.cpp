// Canvas details a new user trips over: default names and the resize grip.

#include "canvas/boundaryitem.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "document.h"
#include "mainwindow.h"
#include "mousehelpers.h"

#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace bulkhead;

class TestCanvasErgonomics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->view()->resetZoom();
    }

    void cleanup()
    {
        m_document->undoStack()->clear();
        m_window.reset();
        m_document.reset();
    }

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

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestCanvasErgonomics)
#include "tst_canvasergonomics.moc"
