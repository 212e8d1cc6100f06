#include "canvas/boundaryitem.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/elementitem.h"
#include "catalog/catalog.h"
#include "document.h"
#include "editorwindowfixture.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "mainwindow.h"
#include "mousehelpers.h"
#include "panels/propertyeditor.h"
#include "panels/stencilpalette.h"

#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QCheckBox>
#include <QListWidget>
#include <QWheelEvent>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <set>

using namespace bulkhead;

namespace {

std::string modelJson(const Document &document)
{
    return writeModelText(document.model());
}

} // namespace

/**
 * The editor driven like a user: real mouse events on the palette and the view's viewport.
 */
class TestCanvas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_fixture.open());
        m_document = m_fixture.document();
        m_window = m_fixture.window();
        m_window->view()->centerOn(QPointF(400, 300));
    }

    void cleanup() { m_fixture.close(); }

    void drawEditUndoRedoSaveReopen()
    {
        DiagramView *view = m_window->view();
        QWidget *viewport = view->viewport();
        DiagramScene *scene = m_window->scene();
        auto at = [view](QPointF scenePoint) { return view->mapFromScene(scenePoint); };
        std::vector<std::string> states{modelJson(*m_document)};
        auto record = [&] { states.push_back(modelJson(*m_document)); };

        // 1, 2: two containers from the palette, click-to-place.
        auto placeFromPalette = [&](const QString &kind, QPointF where) {
            StencilPalette *palette = m_window->palette();
            QTreeWidgetItem *item = palette->itemForKind(kind);
            QVERIFY(item);
            palette->tree()->scrollToItem(item);
            const QRect rect = palette->tree()->visualItemRect(item);
            QTest::mouseClick(palette->tree()->viewport(), Qt::LeftButton, {}, rect.center());
            QCOMPARE(scene->tool(), DiagramScene::Tool::Place);
            test::mouseClick(viewport, at(where));
        };
        // Where a user can click: placing keeps an item inside the view, so the points are
        // taken from what the view shows, not fixed scene coordinates the docks may hide.
        const QRectF visible = view->mapToScene(viewport->rect()).boundingRect();
        const QPointF firstAt(visible.left() + visible.width() / 4, visible.center().y());
        const QPointF secondAt(visible.left() + visible.width() * 3 / 4, visible.center().y());
        const QRectF hostArea(firstAt - QPointF(110, 120), firstAt + QPointF(150, 120));
        QVERIFY(visible.contains(hostArea.translated(40, 60)) && visible.contains(secondAt));
        placeFromPalette(QStringLiteral("container"), firstAt);
        QCOMPARE(m_document->model().elements().size(), std::size_t(1));
        record();
        placeFromPalette(QStringLiteral("container"), secondAt);
        QCOMPARE(m_document->model().elements().size(), std::size_t(2));
        record();
        const std::string first = m_document->model().elements()[0].id;
        const std::string second = m_document->model().elements()[1].id;
        QCOMPARE(scene->tool(), DiagramScene::Tool::Select);

        // 3: a flow, dragged from the first container to the second.
        scene->setTool(DiagramScene::Tool::Connect);
        test::mouseDrag(viewport, at(firstAt), at(secondAt));
        QCOMPARE(m_document->model().flows().size(), std::size_t(1));
        QCOMPARE(m_document->model().flows()[0].source, first);
        QCOMPARE(m_document->model().flows()[0].target, second);
        record();
        scene->setTool(DiagramScene::Tool::Select);

        // 4: a host boundary dragged out around the first container adopts it.
        StencilPalette *palette = m_window->palette();
        QTreeWidgetItem *hostItem = palette->itemForKind(QStringLiteral("host"));
        palette->tree()->scrollToItem(hostItem);
        QTest::mouseClick(palette->tree()->viewport(), Qt::LeftButton, {},
                          palette->tree()->visualItemRect(hostItem).center());
        test::mouseDrag(viewport, at(hostArea.topLeft()), at(hostArea.bottomRight()));
        QCOMPARE(m_document->model().boundaries().size(), std::size_t(1));
        const Boundary host = m_document->model().boundaries()[0];
        QCOMPARE(host.kind, std::string("host"));
        QCOMPARE(m_document->model().findElement(first)->boundary, host.id);
        QVERIFY(m_document->model().findElement(second)->boundary.empty());
        record();

        // 5: dragging the host by its title moves it and what it holds, in one undo step.
        const int undoBefore = m_document->undoStack()->count();
        const Rect firstBefore = m_document->model().findElement(first)->geometry;
        const QPointF grip(host.geometry.x + 80, host.geometry.y + 10);
        test::mouseDrag(viewport, at(grip), at(grip + QPointF(40, 60)), 8);
        QCOMPARE(m_document->undoStack()->count(), undoBefore + 1);
        const Boundary *moved = m_document->model().findBoundary(host.id);
        QCOMPARE(moved->geometry.x, host.geometry.x + 40);
        QCOMPARE(moved->geometry.y, host.geometry.y + 60);
        QCOMPARE(m_document->model().findElement(first)->geometry.x, firstBefore.x + 40);
        QCOMPARE(m_document->model().findElement(first)->geometry.y, firstBefore.y + 60);
        QCOMPARE(m_document->model().findElement(first)->boundary, host.id);
        record();

        // 6: a property changed in the property editor.
        scene->selectIds({QString::fromStdString(first)});
        auto *privileged = qobject_cast<QCheckBox *>(m_window->propertyEditor()->editorFor(QStringLiteral("privileged")));
        QVERIFY(privileged);
        privileged->click();
        QVERIFY(std::get<bool>(m_document->model().findElement(first)->properties.at("privileged")));
        record();

        // Undo every step back to the empty model, checking each state; then redo them all.
        QUndoStack *stack = m_document->undoStack();
        QCOMPARE(stack->count(), int(states.size()) - 1);
        for (int i = int(states.size()) - 2; i >= 0; --i) {
            stack->undo();
            QCOMPARE(modelJson(*m_document), states[std::size_t(i)]);
        }
        QVERIFY(m_document->model().elements().empty());
        for (std::size_t i = 1; i < states.size(); ++i) {
            stack->redo();
            QCOMPARE(modelJson(*m_document), states[i]);
        }

        // The scene mirrors the model after all that.
        QVERIFY(scene->elementItem(QString::fromStdString(first)));
        QCOMPARE(scene->elementItem(QString::fromStdString(first))->parentItem(),
                 scene->boundaryItem(QString::fromStdString(host.id)));

        // Save, reopen, compare.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drawn.bulkhead.json"));
        QString error;
        QVERIFY2(m_document->save(path, &error), qPrintable(error));
        QVERIFY(!m_document->isModified());
        const auto reopened = readModelFile(path.toStdString());
        QVERIFY(reopened);
        QVERIFY(reopened->model == m_document->model());
    }

    void renameInPlace()
    {
        DiagramScene *scene = m_window->scene();
        const QString id = scene->addKindAt(QStringLiteral("database"), QPointF(300, 300));
        DiagramView *view = m_window->view();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(QPointF(300, 300)));
        auto *editor = view->viewport()->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("orders"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(m_document->model().findElement(id.toStdString())->name, std::string("orders"));
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Rename to \"orders\""));
    }

    void deleteTakesAttachedFlowsInOneStep()
    {
        DiagramScene *scene = m_window->scene();
        const QString a = scene->addKindAt(QStringLiteral("container"), QPointF(100, 100));
        const QString b = scene->addKindAt(QStringLiteral("cache"), QPointF(400, 100));
        scene->setTool(DiagramScene::Tool::Connect);
        DiagramView *view = m_window->view();
        view->centerOn(QPointF(250, 100));
        test::mouseDrag(view->viewport(), view->mapFromScene(QPointF(100, 100)), view->mapFromScene(QPointF(400, 100)));
        scene->setTool(DiagramScene::Tool::Select);
        QCOMPARE(m_document->model().flows().size(), std::size_t(1));
        const std::string before = modelJson(*m_document);
        scene->selectIds({a});
        scene->deleteSelection();
        QVERIFY(m_document->model().flows().empty());
        QCOMPARE(m_document->model().elements().size(), std::size_t(1));
        m_document->undoStack()->undo();
        QCOMPARE(modelJson(*m_document), before);
    }

    void copyPasteGivesFreshIds()
    {
        DiagramScene *scene = m_window->scene();
        const QString a = scene->addKindAt(QStringLiteral("container"), QPointF(100, 100));
        const QString b = scene->addKindAt(QStringLiteral("database"), QPointF(400, 100));
        scene->setTool(DiagramScene::Tool::Connect);
        DiagramView *view = m_window->view();
        view->centerOn(QPointF(250, 100));
        test::mouseDrag(view->viewport(), view->mapFromScene(QPointF(100, 100)), view->mapFromScene(QPointF(400, 100)));
        scene->setTool(DiagramScene::Tool::Select);
        scene->selectIds({a, b});
        scene->duplicateSelection();
        const ThreatModel &model = m_document->model();
        QCOMPARE(model.elements().size(), std::size_t(4));
        QCOMPARE(model.flows().size(), std::size_t(2)); // the flow between them came along
        std::set<std::string> ids;
        for (const Element &e : model.elements())
            ids.insert(e.id);
        QCOMPARE(ids.size(), std::size_t(4));
        const Flow &copy = model.flows()[1];
        QVERIFY(copy.source != a.toStdString() && copy.target != b.toStdString());
        QVERIFY(model.findElement(copy.source) && model.findElement(copy.target));
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Paste 3 items"));
        m_document->undoStack()->undo();
        QCOMPARE(model.elements().size(), std::size_t(2));
    }

    void zoomAndFit()
    {
        DiagramView *view = m_window->view();
        view->resetZoom();
        QCOMPARE(view->zoom(), 1.0);
        view->zoomIn();
        QVERIFY(view->zoom() > 1.0);
        view->setZoom(100);
        QCOMPARE(view->zoom(), DiagramView::maximumZoom);
        m_window->scene()->addKindAt(QStringLiteral("container"), QPointF(0, 0));
        m_window->scene()->addKindAt(QStringLiteral("container"), QPointF(3000, 2000));
        view->fitToWindow();
        QVERIFY(view->zoom() < 0.5);
        const QRect visible = view->viewport()->rect();
        QVERIFY(visible.contains(view->mapFromScene(QPointF(0, 0))));
        QVERIFY(visible.contains(view->mapFromScene(QPointF(3000, 2000))));
    }

    void failedOpenKeepsTheDocument()
    {
        m_window->scene()->addKindAt(QStringLiteral("container"), QPointF(0, 0));
        const std::string before = modelJson(*m_document);
        QString error;
        QVERIFY(!m_document->load(QStringLiteral(BULKHEAD_TEST_DATA_DIR "/bad-input/truncated.bulkhead.json"), &error));
        QVERIFY(error.contains(QStringLiteral("truncated.bulkhead.json:27:10")));
        QCOMPARE(modelJson(*m_document), before);
    }

    void autoLayoutIsOneStep()
    {
        DiagramScene *scene = m_window->scene();
        const QString host = scene->addKindAt(QStringLiteral("host"), QPointF(0, 0));
        const QString a = scene->addKindAt(QStringLiteral("container"), QPointF(0, 0)); // inside the host
        const QString b = scene->addKindAt(QStringLiteral("database"), QPointF(10, 10)); // on top of a
        QCOMPARE(m_document->model().findElement(a.toStdString())->boundary, host.toStdString());
        const std::string before = modelJson(*m_document);
        const int steps = m_document->undoStack()->count();
        QVERIFY(m_window->autoLayout());
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Auto-layout"));
        const Rect ra = m_document->model().findElement(a.toStdString())->geometry;
        const Rect rb = m_document->model().findElement(b.toStdString())->geometry;
        const bool apart = ra.x + ra.width <= rb.x || rb.x + rb.width <= ra.x || ra.y + ra.height <= rb.y
                           || rb.y + rb.height <= ra.y;
        QVERIFY(apart);
        QVERIFY(m_document->model().findBoundary(host.toStdString())->geometry.contains(ra));
        m_document->undoStack()->undo();
        QCOMPARE(modelJson(*m_document), before);
    }

    void readableInADarkPalette()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(37, 37, 38));
        dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::AlternateBase, QColor(45, 45, 45));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        dark.setColor(QPalette::Button, QColor(45, 45, 48));
        dark.setColor(QPalette::ButtonText, QColor(220, 220, 220));
        dark.setColor(QPalette::Highlight, QColor(38, 79, 120));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        const QPalette previous = QApplication::palette();
        QApplication::setPalette(dark);
        QVERIFY(m_window->openExample(MainWindow::exampleResources().first()));
        // Opening fits the diagram to the window once events run; at 100% after that.
        QApplication::processEvents();
        m_window->view()->resetZoom();
        const QString id = QString::fromStdString(m_document->model().elements().front().id);
        m_window->view()->centerOn(m_window->scene()->elementItem(id));
        QApplication::processEvents();
        const QImage shot = m_window->view()->viewport()->grab().toImage();
        if (qEnvironmentVariableIsSet("BULKHEAD_DARK_SHOT"))
            shot.save(qEnvironmentVariable("BULKHEAD_DARK_SHOT"));
        QApplication::setPalette(previous);
        // The canvas follows the palette: a dark background with light text on the element.
        QVERIFY(qGray(shot.pixel(3, 3)) < 80);
        const QRect element = m_window->view()->mapFromScene(m_window->scene()->elementItem(id)->sceneShapeRect()).boundingRect();
        int light = 0;
        for (int y = element.top(); y < element.bottom(); ++y)
            for (int x = element.left(); x < element.right(); ++x)
                light += qGray(shot.pixel(x, y)) > 170 ? 1 : 0;
        QVERIFY2(light > 40, qPrintable(QString::number(light)));
    }

    void examplesAreCompiledIn()
    {
        const QStringList examples = MainWindow::exampleResources();
        QVERIFY(!examples.isEmpty());
        QVERIFY(m_window->openExample(examples.first()));
        QVERIFY(!m_document->model().elements().empty());
        QVERIFY(m_document->filePath().isEmpty()); // an example is saved as a copy
    }

    void resizeBoundaryByItsCorner()
    {
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        const QString id = scene->addKindAt(QStringLiteral("namespace"), QPointF(300, 300));
        const Rect before = m_document->model().findBoundary(id.toStdString())->geometry;
        view->centerOn(QPointF(before.x + before.width, before.y + before.height));
        scene->selectIds({id});
        const QPointF corner(before.x + before.width - 3, before.y + before.height - 3);
        const int steps = m_document->undoStack()->count();
        test::mouseDrag(view->viewport(), view->mapFromScene(corner), view->mapFromScene(corner + QPointF(100, 60)));
        const Rect after = m_document->model().findBoundary(id.toStdString())->geometry;
        QCOMPARE(after.x, before.x);
        QCOMPARE(after.y, before.y);
        QCOMPARE(after.width, before.width + 100);
        QCOMPARE(after.height, before.height + 60);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Resize boundary"));
    }

    void rubberBandSelectsSeveral()
    {
        DiagramScene *scene = m_window->scene();
        DiagramView *view = m_window->view();
        const QString a = scene->addKindAt(QStringLiteral("container"), QPointF(200, 200));
        const QString b = scene->addKindAt(QStringLiteral("container"), QPointF(400, 200));
        scene->addKindAt(QStringLiteral("container"), QPointF(900, 600));
        scene->clearSelection();
        view->centerOn(QPointF(300, 200));
        test::mouseDrag(view->viewport(), view->mapFromScene(QPointF(80, 120)), view->mapFromScene(QPointF(520, 280)));
        QStringList selected = scene->selectedIds();
        selected.sort();
        QStringList expected{a, b};
        expected.sort();
        QCOMPARE(selected, expected);
    }

    void ctrlWheelZooms()
    {
        DiagramView *view = m_window->view();
        view->resetZoom();
        const QPoint centre = view->viewport()->rect().center();
        QWheelEvent wheel(QPointF(centre), QPointF(view->viewport()->mapToGlobal(centre)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->zoom() > 1.0);
    }

    void paletteSearchFilters()
    {
        StencilPalette *palette = m_window->palette();
        QTest::keyClicks(palette->searchField(), QStringLiteral("secret"));
        QVERIFY(!palette->itemForKind(QStringLiteral("secrets-store"))->isHidden());
        QVERIFY(palette->itemForKind(QStringLiteral("container"))->isHidden());
        palette->searchField()->clear();
        QVERIFY(!palette->itemForKind(QStringLiteral("container"))->isHidden());
    }

    void titleShowsFileAndUnsavedMarker()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shop.bulkhead.json"));
        QString error;
        QVERIFY(m_document->save(path, &error));
        QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("shop.bulkhead.json[*]")));
        QVERIFY(!m_window->isWindowModified());
        m_window->scene()->addKindAt(QStringLiteral("cache"), QPointF(0, 0));
        QVERIFY(m_window->isWindowModified());
        m_document->undoStack()->undo();
        QVERIFY(!m_window->isWindowModified());
    }

    void problemsSelectTheirElement()
    {
        DiagramScene *scene = m_window->scene();
        const QString lonely = scene->addKindAt(QStringLiteral("volume"), QPointF(100, 100));
        scene->clearSelection();
        QListWidget *problems = m_window->problemsView();
        QTRY_VERIFY(problems->count() >= 1 && problems->item(0)->text().contains(QStringLiteral("no data flows")));
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, problems->visualItemRect(problems->item(0)).center());
        QCOMPARE(scene->selectedIds(), QStringList{lonely});
    }

private:
    test::EditorWindowFixture m_fixture;
    Document *m_document = nullptr;
    MainWindow *m_window = nullptr;
};

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
