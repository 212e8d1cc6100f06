#include "analysiscontroller.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/elementitem.h"
#include "comparison/changeoutlineitem.h"
#include "comparison/comparisoncontroller.h"
#include "comparison/comparisondock.h"
#include "comparison/comparisonoverlay.h"
#include "comparison/editorcomparison.h"
#include "comparison/ghostitem.h"
#include "commands/renameitemcommand.h"
#include "editorwindowfixture.h"
#include "mousehelpers.h"
#include "testfiles.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace bulkhead;

namespace {

QString diffFixture(const char *name)
{
    return test::dataPath(QStringLiteral("diff/%1.bulkhead.json").arg(QLatin1String(name)));
}

/** Every entry of the list, depth first. */
QList<QTreeWidgetItem *> entries(QTreeWidget *list)
{
    QList<QTreeWidgetItem *> all;
    std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *item) {
        all << item;
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        walk(list->topLevelItem(i));
    return all;
}

QTreeWidgetItem *entryFor(QTreeWidget *list, const QString &id)
{
    for (QTreeWidgetItem *entry : entries(list)) {
        if (entry->data(0, ComparisonDock::IdRole).toString() == id
            && !entry->data(0, ComparisonDock::SubjectRole).toBool())
            return entry;
    }
    return nullptr;
}

QStringList texts(QTreeWidget *list)
{
    QStringList all;
    for (QTreeWidgetItem *entry : entries(list))
        all << entry->text(0);
    return all;
}

/** Overlay items of any kind still in the scene. */
int overlayItemsInScene(QGraphicsScene *scene)
{
    int count = 0;
    for (QGraphicsItem *item : scene->items()) {
        QGraphicsObject *object = item->toGraphicsObject();
        if (qobject_cast<ChangeOutlineItem *>(object) || qobject_cast<GhostItem *>(object))
            ++count;
    }
    return count;
}

} // namespace

/** File → Compare with…: outlines, ghosts and the side list (docs/editor.md). */
class TestComparisonGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_editor.open());
        m_editor.window()->analysis()->setDelay(0);
    }

    void cleanup() { m_editor.close(); }

    void outlinesMarkAddedAndChangedItems()
    {
        QVERIFY(openNewerAndCompareWithBase());
        ComparisonOverlay *overlay = comparison()->overlay();
        for (const char *id : {"worker", "worker-to-redis"}) {
            ChangeOutlineItem *outline = overlay->outlineOf(QLatin1String(id));
            QVERIFY2(outline, id);
            QCOMPARE(outline->mark(), ChangeMark::Added);
            QCOMPARE(outline->toolTip(), QStringLiteral("Added since base.bulkhead.json"));
        }
        for (const char *id : {"web-app", "redis", "compose-network"}) {
            ChangeOutlineItem *outline = overlay->outlineOf(QLatin1String(id));
            QVERIFY2(outline, id);
            QCOMPARE(outline->mark(), ChangeMark::Changed);
            QVERIFY2(outline->toolTip().startsWith(QStringLiteral("Changed since base.bulkhead.json: ")),
                     qPrintable(outline->toolTip()));
        }
        QVERIFY(overlay->outlineOf(QStringLiteral("web-app"))->toolTip().contains(QStringLiteral("name")));
        QVERIFY(overlay->outlineOf(QStringLiteral("redis"))->toolTip().contains(QStringLiteral("dataClassification")));
        // The outline sits on its item, so it follows the item when dragged.
        QCOMPARE(overlay->outlineOf(QStringLiteral("worker"))->parentItem(),
                 static_cast<QGraphicsItem *>(scene()->elementItem(QStringLiteral("worker"))));
        for (const char *unchanged : {"nginx", "postgres", "user-to-proxy", "docker-host"})
            QVERIFY2(!overlay->outlineOf(QLatin1String(unchanged)), unchanged);
        QCOMPARE(overlay->outlines().size(), 5);
    }

    void removedItemsAreGhostsOutsideTheModel()
    {
        QVERIFY(openNewerAndCompareWithBase());
        ComparisonOverlay *overlay = comparison()->overlay();
        QCOMPARE(overlay->ghosts().size(), 2);
        GhostItem *ghost = overlay->ghostOf(QStringLiteral("operator"));
        QVERIFY(ghost);
        QVERIFY(overlay->ghostOf(QStringLiteral("operator-to-dockerd")));
        // Where base had it: x 26, y 296, 140 by 70.
        QCOMPARE(ghost->boundingRect().center(), QPointF(96, 331));
        QVERIFY(!(ghost->flags() & QGraphicsItem::ItemIsSelectable));
        QVERIFY(!(ghost->flags() & QGraphicsItem::ItemIsMovable));
        QCOMPARE(ghost->acceptedMouseButtons(), Qt::NoButton);
        QCOMPARE(document()->typeOf(QStringLiteral("operator")), ItemType::None);
        QVERIFY(ghost->toolTip().startsWith(QStringLiteral("Removed since base.bulkhead.json")));

        // A click on it selects nothing and adds nothing to the undo history.
        view()->centerOn(ghost);
        QApplication::processEvents();
        test::mouseClick(view()->viewport(), view()->mapFromScene(QPointF(96, 331)));
        QVERIFY(scene()->selectedIds().isEmpty());
        QVERIFY(!ghost->isSelected());
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void clickingAnEntryShowsItsItem()
    {
        QVERIFY(openNewerAndCompareWithBase());
        QTreeWidget *list = comparison()->dock()->list();
        QVERIFY(comparison()->dockWidget()->isVisible());

        QTreeWidgetItem *worker = entryFor(list, QStringLiteral("worker"));
        QVERIFY(worker);
        QVERIFY2(worker->text(0).startsWith(QStringLiteral("+ Element")), qPrintable(worker->text(0)));
        clickEntry(list, worker);
        QCOMPARE(scene()->selectedIds(), QStringList{QStringLiteral("worker")});

        QTreeWidgetItem *operatorEntry = entryFor(list, QStringLiteral("operator"));
        QVERIFY(operatorEntry);
        clickEntry(list, operatorEntry);
        QVERIFY(scene()->selectedIds().isEmpty());
        GhostItem *ghost =
            comparison()->overlay()->ghostOf(QStringLiteral("operator"));
        QVERIFY(ghost->isHighlighted());
        QVERIFY(!comparison()->overlay()->ghostOf(QStringLiteral("operator-to-dockerd"))->isHighlighted());

        // Back to a live item: the ghost is plain again.
        clickEntry(list, entryFor(list, QStringLiteral("redis")));
        QCOMPARE(scene()->selectedIds(), QStringList{QStringLiteral("redis")});
        QVERIFY(!ghost->isHighlighted());
    }

    void listShowsFieldPropertyRegisterMetadataAndThreatChanges()
    {
        QVERIFY(openNewerAndCompareWithBase());
        const QStringList all = texts(comparison()->dock()->list());
        const QString joined = all.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("name: \u201cPython web app\u201d \u2192 \u201cDjango shop\u201d")), qPrintable(joined));
        QVERIFY2(all.contains(QStringLiteral("dataClassification: confidential \u2192 public")), qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("Decision on env-file-in-git")), qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("title: \u201c")), qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("\u2212 Element \u201cOperator\u201d")), qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("+ Manual threat \u201cDatabase backups copied off the host\u201d")), qPrintable(joined));
        // Redis now holds public data: a threat on it changes severity, and is listed as updated.
        const auto updated = std::find_if(all.begin(), all.end(), [](const QString &text) {
            return text.startsWith(QStringLiteral("~ Updated on Redis cache: ")) && text.contains(QStringLiteral("severity "));
        });
        QVERIFY2(updated != all.end(), qPrintable(joined));
        // The worker is new, and so are threats on it.
        QVERIFY2(std::any_of(all.begin(), all.end(), [](const QString &text) {
                     return text.startsWith(QStringLiteral("+ New on Celery worker: "));
                 }),
                 qPrintable(joined));
        const QString summary = comparison()->dock()->summary()->text();
        QVERIFY2(summary.startsWith(QStringLiteral("Since base.bulkhead.json: 3 added, 2 removed, 3 changed; threats ")), qPrintable(summary));

        // A threat entry shows its subject.
        QTreeWidgetItem *threatEntry = nullptr;
        for (QTreeWidgetItem *entry : entries(comparison()->dock()->list())) {
            if (entry->text(0) == *updated)
                threatEntry = entry;
        }
        QVERIFY(threatEntry);
        clickEntry(comparison()->dock()->list(), threatEntry);
        QCOMPARE(scene()->selectedIds(), QStringList{threatEntry->data(0, ComparisonDock::IdRole).toString()});
    }

    void editingAfterComparingUpdatesTheComparison()
    {
        QVERIFY(openNewerAndCompareWithBase());
        QTreeWidget *list = comparison()->dock()->list();
        QVERIFY(!entryFor(list, QStringLiteral("nginx")));
        scene()->selectIds({QStringLiteral("nginx")});
        scene()->deleteSelection();
        QTRY_VERIFY(entryFor(list, QStringLiteral("nginx")));
        QVERIFY(entryFor(list, QStringLiteral("nginx"))->text(0).startsWith(QStringLiteral("\u2212 Element")));
        QVERIFY(comparison()->overlay()->ghostOf(QStringLiteral("nginx")));

        // Renaming the web app back to its old name makes it unchanged again.
        document()->undoStack()->undo();
        QTRY_VERIFY(!entryFor(list, QStringLiteral("nginx")));
        document()->undoStack()->push(new RenameItemCommand(document(), QStringLiteral("web-app"), QStringLiteral("Python web app")));
        QTRY_VERIFY(!comparison()->overlay()->outlineOf(QStringLiteral("web-app")));
        QVERIFY(!texts(list).join(u'\n').contains(QStringLiteral("Django shop")));
    }

    void endingTheComparisonRemovesEveryOverlay()
    {
        QVERIFY(openNewerAndCompareWithBase());
        QVERIFY(overlayItemsInScene(scene()) > 0);
        QPushButton *end = comparison()->dock()->endButton();
        QTest::mouseClick(end, Qt::LeftButton);
        QVERIFY(!comparison()->controller()->isActive());
        QCOMPARE(overlayItemsInScene(scene()), 0);
        QVERIFY(comparison()->overlay()->outlines().isEmpty());
        QVERIFY(!comparison()->dockWidget()->isVisible());
        // And edits after the end bring nothing back.
        scene()->selectIds({QStringLiteral("nginx")});
        scene()->deleteSelection();
        QApplication::processEvents();
        QCOMPARE(overlayItemsInScene(scene()), 0);
    }

    void corruptFileShowsTheReadersErrorAndChangesNothing()
    {
        QVERIFY(m_editor.window()->openFile(diffFixture("everything-changed")));
        const ThreatModel before = document()->model();
        const QString corrupt = diffFixture("corrupt");
        QString shown;
        QTimer::singleShot(0, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        QVERIFY(!comparison()->compareWith(corrupt));
        QVERIFY2(shown.startsWith(corrupt + QStringLiteral(":")), qPrintable(shown));
        QVERIFY2(shown.contains(QRegularExpression(QStringLiteral(":\\d+:\\d+: "))), qPrintable(shown));
        QVERIFY(!comparison()->controller()->isActive());
        QCOMPARE(overlayItemsInScene(scene()), 0);
        QVERIFY(!comparison()->dockWidget() || !comparison()->dockWidget()->isVisible());
        QVERIFY(document()->model() == before);
        QVERIFY(!document()->isModified());
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void comparingWithItselfShowsNoDifferences()
    {
        QVERIFY(m_editor.window()->openFile(diffFixture("base")));
        QVERIFY(comparison()->start(diffFixture("base"), nullptr));
        QVERIFY(comparison()->controller()->hasNoDifferences());
        QVERIFY2(comparison()->dock()->summary()->text().contains(QStringLiteral("No differences")),
                 qPrintable(comparison()->dock()->summary()->text()));
        QCOMPARE(texts(comparison()->dock()->list()), QStringList{QStringLiteral("No differences")});
        QCOMPARE(overlayItemsInScene(scene()), 0);
    }

private:
    bool openNewerAndCompareWithBase()
    {
        if (!m_editor.window()->openFile(diffFixture("everything-changed")))
            return false;
        QString error;
        if (!comparison()->start(diffFixture("base"), &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

    void clickEntry(QTreeWidget *list, QTreeWidgetItem *entry)
    {
        list->scrollToItem(entry);
        const QRect rect = list->visualItemRect(entry);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    }

    EditorComparison *comparison() const { return m_editor.window()->comparison(); }
    Document *document() const { return m_editor.document(); }
    DiagramScene *scene() const { return m_editor.window()->scene(); }
    DiagramView *view() const { return m_editor.window()->view(); }

    test::EditorWindowFixture m_editor;
};

QTEST_MAIN(TestComparisonGui)
#include "tst_comparisongui.moc"
