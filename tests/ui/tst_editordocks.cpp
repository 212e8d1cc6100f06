// The docks and dialogs around the canvas at the window's default size: the Defense in depth
// tab, the Import Report's columns, the toolbar's undo/redo icons, and the Threat panel
// following the canvas selection.
#include "analysiscontroller.h"
#include "canvas/diagramscene.h"
#include "catalog/catalog.h"
#include "document.h"
#include "importreportdialog.h"
#include "import/importresult.h"
#include "mainwindow.h"
#include "panels/defenseindepthpanel.h"
#include "panels/propertyeditor.h"
#include "panels/threatdetails.h"
#include "panels/threatspanel.h"
#include "panels/threattablemodel.h"
#include "testfiles.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace bulkhead;

namespace {

struct Window
{
    std::unique_ptr<Document> document = std::make_unique<Document>(builtInCatalog());
    std::unique_ptr<MainWindow> window;

    explicit Window(const QString &example = QString())
    {
        if (!example.isEmpty()) {
            QString error;
            const bool loaded = document->load(test::sourcePath(QStringLiteral("examples/") + example), &error);
            if (!loaded)
                qFatal("%s", qPrintable(error));
        }
        window = std::make_unique<MainWindow>(document.get());
        window->analysis()->setDelay(0);
        window->resize(1400, 880); // the default size, whatever the settings hold
        window->show();
        window->analysis()->analyzeNow();
    }
    ~Window()
    {
        document->undoStack()->clear();
        window.reset();
    }
    QDockWidget *dock(const char *name) const
    {
        return window->findChild<QDockWidget *>(QString::fromLatin1(name));
    }
};

/** How dark the icon's ink is in each quarter row of the image (top to bottom). */
QList<int> inkByQuarterRow(const QImage &image)
{
    QList<int> ink(4, 0);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            ink[y * 4 / image.height()] += qAlpha(image.pixel(x, y));
    }
    return ink;
}

} // namespace

class TestEditorDocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defenseInDepthShowsRowsAndItsSplitterMoves()
    {
        Window w(QStringLiteral("compose-web-app.bulkhead.json"));
        QVERIFY(QTest::qWaitForWindowExposed(w.window.get()));
        w.dock("defenseDock")->raise();
        auto *panel = w.window->findChild<DefenseInDepthPanel *>();
        QVERIFY(panel);
        QTRY_VERIFY(panel->tree()->isVisible());
        QTRY_VERIFY(panel->tree()->topLevelItemCount() > 0);
        QTreeWidget *tree = panel->tree();
        tree->expandAll();
        const int rowHeight = tree->visualItemRect(tree->topLevelItem(0)).height();
        QVERIFY(rowHeight > 0);
        const int rows = tree->viewport()->height() / rowHeight;
        QVERIFY2(rows >= 6, qPrintable(QStringLiteral("%1 rows shown").arg(rows)));

        // The handle between the bars and the tree moves, and the sizes follow it.
        QSplitter *splitter = panel->splitter();
        QVERIFY(splitter);
        const QList<int> before = splitter->sizes();
        QCOMPARE(before.size(), 2);
        QSplitterHandle *handle = splitter->handle(1);
        const QPoint from = handle->rect().center();
        const int step = splitter->orientation() == Qt::Horizontal ? 80 : 40;
        const QPoint to = from + (splitter->orientation() == Qt::Horizontal ? QPoint(step, 0) : QPoint(0, step));
        QTest::mousePress(handle, Qt::LeftButton, {}, from);
        QTest::mouseMove(handle, to);
        QTest::mouseRelease(handle, Qt::LeftButton, {}, to);
        const QList<int> after = splitter->sizes();
        QVERIFY2(after.at(0) > before.at(0) + step / 2,
                 qPrintable(QStringLiteral("%1 → %2").arg(before.at(0)).arg(after.at(0))));
    }

    void importReportsFindingColumnFitsItsText()
    {
        ImportReport report;
        const QString longest = QStringLiteral(
            "service web: mounts the Docker socket /var/run/docker.sock read-write, which gives "
            "full control of the host's Docker daemon");
        report.flagged.push_back({"compose.yaml:12", longest.toStdString()});
        report.mapped.push_back({"compose.yaml:3", "service web → container web"});
        ImportReportDialog dialog(QStringLiteral("Imported 1 file"), report);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTreeWidget *tree = dialog.tree();
        QTreeWidgetItem *finding = tree->topLevelItem(0)->child(0);
        QCOMPARE(finding->text(0), longest);
        const int needed = tree->fontMetrics().horizontalAdvance(longest) + tree->indentation() + 12;
        // The dialog opens wide enough for its findings when the screen has room.
        QTRY_VERIFY2(tree->visualItemRect(finding).width() >= needed || dialog.width() >= dialog.screen()->availableGeometry().width() - 40,
                     qPrintable(QStringLiteral("%1 px for %2 px of text").arg(tree->visualItemRect(finding).width()).arg(needed)));
        // With room, the Finding column takes it and the Where column keeps to its text.
        dialog.resize(needed + 400, 520);
        QTRY_VERIFY2(tree->columnWidth(0) >= needed,
                     qPrintable(QStringLiteral("%1 px for %2 px of text").arg(tree->columnWidth(0)).arg(needed)));
        QVERIFY(tree->columnWidth(1) >= tree->fontMetrics().horizontalAdvance(QStringLiteral("compose.yaml:12")));
        QVERIFY(tree->columnWidth(1) < tree->columnWidth(0));
    }

    void undoAndRedoAreCurvedArrowsNotBackAndForward()
    {
        Window w;
        QAction *undo = nullptr;
        QAction *redo = nullptr;
        for (QAction *action : w.window->findChild<QToolBar *>()->actions()) {
            if (action->text().remove(u'&').startsWith(QStringLiteral("Undo")))
                undo = action;
            if (action->text().remove(u'&').startsWith(QStringLiteral("Redo")))
                redo = action;
        }
        QVERIFY(undo && redo);
        const QImage undoImage = undo->icon().pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
        const QImage redoImage = redo->icon().pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
        QVERIFY(!undoImage.isNull() && !redoImage.isNull());
        const QImage back = w.window->style()->standardIcon(QStyle::SP_ArrowBack).pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
        QVERIFY(undoImage != back);
        // Mirror images of each other, …
        QCOMPARE(undoImage.mirrored(true, false), redoImage);
        // … with the arrow at the top and the curve's tail reaching the bottom quarter: a
        // straight back arrow sits in the middle rows only.
        const QList<int> ink = inkByQuarterRow(undoImage);
        QVERIFY2(ink[0] > 0 && ink[3] > 0 && ink[1] > ink[3],
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(ink[0]).arg(ink[1]).arg(ink[2]).arg(ink[3])));
    }

    void theThreatPanelFollowsTheCanvasSelection()
    {
        Window w(QStringLiteral("compose-web-app.bulkhead.json"));
        QVERIFY(QTest::qWaitForWindowExposed(w.window.get()));
        const auto &threats = w.window->analysis()->result().threats;
        QVERIFY(threats.size() > 2);
        // Two subjects with threats.
        const QString first = QString::fromStdString(threats.front().subjectId);
        QString second;
        for (const Threat &t : threats) {
            if (QString::fromStdString(t.subjectId) != first && w.document->typeOf(QString::fromStdString(t.subjectId)) != ItemType::None) {
                second = QString::fromStdString(t.subjectId);
                break;
            }
        }
        QVERIFY(!second.isEmpty());
        ThreatDetails *details = w.window->threatDetails();
        ThreatsPanel *panel = w.window->threatsPanel();
        auto subjectOf = [&w](const QString &threatId) {
            const Threat *t = w.window->analysis()->result().findThreat(threatId.toStdString());
            return t ? QString::fromStdString(t->subjectId) : QString();
        };

        // Selecting on the canvas shows the item's first threat as the table lists them.
        w.window->scene()->selectIds({second});
        QCOMPARE(subjectOf(details->threatId()), second);
        QCOMPARE(details->threatId(), panel->firstThreatOf({second}));
        QCOMPARE(panel->currentThreatId(), details->threatId());
        // The Properties tab stays in front: following the canvas raises nothing.
        QVERIFY(w.window->propertyEditor()->isVisible());

        // A threat row picked in the table stays shown while its subject becomes the selection.
        QString other;
        for (const Threat &t : threats) {
            const QString id = QString::fromStdString(t.id());
            if (QString::fromStdString(t.subjectId) == first && id != panel->firstThreatOf({first}))
                other = id;
        }
        if (!other.isEmpty()) {
            panel->selectThreat(other);
            QCOMPARE(details->threatId(), other);
            QCOMPARE(w.window->scene()->selectedIds(), QStringList{first});
        }

        // An item without threats clears the panel rather than show another item's.
        const QString quiet = w.window->scene()->addKindAt(QStringLiteral("external-user"), QPointF(-900, -900));
        w.document->setProperty(quiet, "inScope", PropertyValue(false));
        w.window->analysis()->analyzeNow();
        w.window->scene()->selectIds({quiet});
        QVERIFY(panel->firstThreatOf({quiet}).isEmpty());
        QVERIFY(details->threatId().isEmpty());
    }
};

QTEST_MAIN(TestEditorDocks)
#include "tst_editordocks.moc"
