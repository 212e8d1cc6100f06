// File → Import in the real window: the imported model replaces the document unsaved, the
// report dialog shows what was mapped and flagged, and a broken file leaves the model alone.

#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "document.h"
#include "importreportdialog.h"
#include "mainwindow.h"
#include "testfiles.h"

#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <set>

using namespace bulkhead;

namespace {

QString compose(const QString &relative)
{
    return bulkhead::test::dataPath(QStringLiteral("import/compose/") + relative);
}

/** Every finding row under one of the dialog's sections, e.g. "Flagged". */
QStringList findings(const ImportReportDialog *dialog, const QString &section)
{
    QStringList rows;
    for (int i = 0; i < dialog->tree()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *group = dialog->tree()->topLevelItem(i);
        if (!group->text(0).startsWith(section))
            continue;
        for (int c = 0; c < group->childCount(); ++c)
            rows << group->child(c)->toolTip(1) + QStringLiteral(": ") + group->child(c)->text(0);
    }
    return rows;
}

} // namespace

class TestImportGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_document.reset();
    }

    void composeImportReplacesTheModelAndShowsTheReport()
    {
        QVERIFY(m_window->importDeployment(MainWindow::ImportSource::Compose,
                                           {compose(QStringLiteral("web-stack/compose.yml")),
                                            compose(QStringLiteral("web-stack/compose.override.yml"))}));
        const ThreatModel &model = m_document->model();
        for (const char *id : {"proxy", "web", "api", "db", "cache", "docker-engine", "volume-pgdata"})
            QVERIFY2(model.findElement(id), id);
        QVERIFY(m_document->isModified());
        QVERIFY(m_document->filePath().isEmpty()); // Save asks where
        QCOMPARE(m_document->undoStack()->count(), 0);

        auto *dialog = m_window->findChild<ImportReportDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QStringList flagged = findings(dialog, QStringLiteral("Flagged"));
        QVERIFY2(flagged.filter(QStringLiteral("compose.yml:19: service proxy: mounts /var/run/docker.sock")).size() == 1,
                 qPrintable(flagged.join(QLatin1Char('\n'))));
        QVERIFY(!findings(dialog, QStringLiteral("Mapped")).isEmpty());
        QVERIFY(dialog->text().contains(QStringLiteral("Imported 10 elements")));
        // For looking at it: BULKHEAD_SCREENSHOT_DIR=/tmp/shots ctest -R tst_importgui
        if (const QString shots = qEnvironmentVariable("BULKHEAD_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog->grab().save(shots + QStringLiteral("/import-report.png"));
            m_window->grab().save(shots + QStringLiteral("/import-window.png"));
        }

        // The analysis follows: the socket mount is a threat in the table.
        m_window->analysis()->analyzeNow();
        const auto &threats = m_window->analysis()->result().threats;
        QVERIFY(std::any_of(threats.begin(), threats.end(), [](const Threat &t) { return t.id() == "RUN-07@proxy"; }));
    }

    void kubernetesFolderImport()
    {
        const QString shop = bulkhead::test::dataPath(QStringLiteral("import/k8s/shop"));
        QVERIFY(m_window->importDeployment(MainWindow::ImportSource::Kubernetes, {shop}));
        const ThreatModel &model = m_document->model();
        QVERIFY(!model.elements().empty());
        QVERIFY(std::any_of(model.boundaries().begin(), model.boundaries().end(),
                            [](const Boundary &b) { return b.kind == "cluster"; }));
        QVERIFY(std::any_of(model.elements().begin(), model.elements().end(),
                            [](const Element &e) { return e.kind == "container"; }));
        QVERIFY(m_document->isModified());
        auto *dialog = m_window->findChild<ImportReportDialog *>();
        QVERIFY(dialog);
        QVERIFY(!findings(dialog, QStringLiteral("Mapped")).isEmpty());
        // Every element was placed by the layout: none left at the origin pile.
        std::set<std::pair<double, double>> positions;
        for (const Element &e : model.elements())
            positions.insert({e.geometry.x, e.geometry.y});
        QCOMPARE(positions.size(), model.elements().size());
    }

    void brokenFileKeepsTheModel()
    {
        QVERIFY(m_window->openExample(QStringLiteral(":/examples/compose-web-app.bulkhead.json")));
        const std::size_t before = m_document->model().elements().size();
        QString shown;
        QTimer::singleShot(0, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        QVERIFY(!m_window->importDeployment(MainWindow::ImportSource::Compose,
                                            {compose(QStringLiteral("bad/wrong-type.yml"))}));
        QVERIFY2(shown.contains(QStringLiteral("wrong-type.yml:4:17: privileged must be true or false")), qPrintable(shown));
        QCOMPARE(m_document->model().elements().size(), before);
        QVERIFY(!m_window->findChild<ImportReportDialog *>());
    }

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestImportGui)
#include "tst_importgui.moc"
