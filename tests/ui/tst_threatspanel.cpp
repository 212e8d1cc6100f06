#include "analysiscontroller.h"
#include "canvas/diagramscene.h"
#include "canvas/elementitem.h"
#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "commands/manualthreatcommands.h"
#include "commands/setregisterentrycommand.h"
#include "document.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "panels/propertyeditor.h"
#include "panels/threatspanel.h"
#include "panels/threattablemodel.h"
#include "pdftools.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace bulkhead;

/** The threat dock in the real window: live analysis, register decisions, filters, selection. */
class TestThreatsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->analysis()->setDelay(0);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_container = m_window->scene()->addKindAt(QStringLiteral("container"), QPointF(0, 0));
        m_window->analysis()->analyzeNow();
    }

    void cleanup()
    {
        m_document->undoStack()->clear();
        m_window.reset();
        m_document.reset();
    }

    void privilegedAddsTheBreakoutThreat()
    {
        const QString breakout = QStringLiteral("RUN-01@") + m_container;
        ThreatsPanel *panel = m_window->threatsPanel();
        QCOMPARE(panel->model()->rowOf(breakout), -1);
        // Through the property editor, as a user would.
        m_window->scene()->selectIds({m_container});
        auto *privileged = qobject_cast<QCheckBox *>(m_window->propertyEditor()->editorFor(QStringLiteral("privileged")));
        QVERIFY(privileged);
        privileged->click();
        QTRY_VERIFY(panel->model()->rowOf(breakout) >= 0);
        const int row = panel->model()->rowOf(breakout);
        QCOMPARE(panel->model()->index(row, ThreatTableModel::StrideColumn).data().toString().left(1), QStringLiteral("E"));
        // The canvas badge counts it, in the colour of the worst open residual severity.
        const ElementItem *item = m_window->scene()->elementItem(m_container);
        QCOMPARE(item->badgeCount(), m_window->analysis()->openThreatCount(m_container));
        QCOMPARE(item->badgeSeverity(), int(Severity::High)); // likelihood 3 × impact 4
        m_document->undoStack()->undo();
        QTRY_COMPARE(panel->model()->rowOf(breakout), -1);
    }

    void anUnnamedFlowIsListedByItsEnds()
    {
        m_document->setName(m_container, QStringLiteral("Web"));
        // The flow crosses into a host, so flow threats fire on it.
        m_document->insertBoundary(0, Boundary{"h", "host", "Host", "", {}, {-200, -200, 400, 400}});
        m_document->setContainer(m_container, QStringLiteral("h"));
        m_document->insertElement(0, Element{"user", "external-user", "Customer", "", {}, {}});
        m_document->insertFlow(0, Flow{"f1", "", "user", m_container.toStdString(), false,
                                       {{"encrypted", false}}, {}});
        m_window->scene()->selectIds({}); // the table lists the canvas selection's threats
        m_window->analysis()->analyzeNow();
        ThreatTableModel *model = m_window->threatsPanel()->model();
        auto subjectsOfFlow = [model] {
            QStringList subjects;
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, ThreatTableModel::IdColumn).data().toString().endsWith(QStringLiteral("@f1")))
                    subjects.append(model->index(row, ThreatTableModel::SubjectColumn).data().toString());
            }
            return subjects;
        };
        QTRY_VERIFY(!subjectsOfFlow().isEmpty());
        for (const QString &subject : subjectsOfFlow())
            QCOMPARE(subject, QStringLiteral("Customer → Web"));
        // The status bar names the selected flow the same way (it read "Flow  (f1)").
        m_window->scene()->selectIds({QStringLiteral("f1")});
        auto *selection = m_window->findChild<QLabel *>(QStringLiteral("selectionLabel"));
        QVERIFY(selection);
        QTRY_COMPARE(selection->text(), QStringLiteral("Flow Customer → Web (f1)"));
    }

    void unconfirmedSeverityReadsUpTo()
    {
        // A new container answers nothing: its findings that rest on unknown values say so in
        // the severity column, exactly as the model marks them; definite ones do not.
        ThreatTableModel *table = m_window->threatsPanel()->model();
        const auto &threats = m_window->analysis()->result().threats;
        int upTo = 0;
        int definite = 0;
        for (const Threat &t : threats) {
            const int row = table->rowOf(QString::fromStdString(t.id()));
            QVERIFY(row >= 0);
            const QString severity = table->index(row, ThreatTableModel::SeverityColumn).data().toString();
            QCOMPARE(severity.startsWith(QStringLiteral("up to ")), t.severityIsUpperBound());
            QCOMPARE(severity.contains(QStringLiteral("→ up to ")), t.residualSeverityIsUpperBound());
            (t.severityIsUpperBound() ? upTo : definite) += 1;
        }
        QVERIFY(upTo > 0);
        QVERIFY(definite > 0);
    }

    void decisionPersistsThroughSaveReopenAndReanalysis()
    {
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        m_window->analysis()->analyzeNow(); // edits re-analyse on the next event-loop pass
        const QString breakout = QStringLiteral("RUN-01@") + m_container;
        RegisterEntry entry;
        entry.threat = breakout.toStdString();
        entry.status = ThreatStatus::Accepted;
        entry.justification = "Runs in a gVisor sandbox on dedicated nodes.";
        m_document->undoStack()->push(new SetRegisterEntryCommand(m_document.get(), entry, QStringLiteral("Accept")));
        const Threat *threat = m_window->analysis()->result().findThreat(breakout.toStdString());
        QVERIFY(threat);
        QCOMPARE(threat->status, ThreatStatus::Accepted);

        // An unrelated edit re-analyses; the decision stays attached to its threat.
        m_window->scene()->addKindAt(QStringLiteral("database"), QPointF(300, 0));
        m_window->analysis()->analyzeNow();
        QCOMPARE(m_window->analysis()->result().findThreat(breakout.toStdString())->status, ThreatStatus::Accepted);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("decided.bulkhead.json"));
        QString error;
        QVERIFY(m_document->save(path, &error));
        Document reopened(builtInCatalog());
        QVERIFY(reopened.load(path, &error));
        AnalysisController analysis(&reopened);
        const Threat *again = analysis.result().findThreat(breakout.toStdString());
        QVERIFY(again);
        QCOMPARE(again->status, ThreatStatus::Accepted);
        QCOMPARE(again->justification(), entry.justification);

        // Undo takes the decision back.
        m_document->undoStack()->undo(); // the database
        m_document->undoStack()->undo(); // the decision
        QCOMPARE(m_window->analysis()->result().findThreat(breakout.toStdString())->status, ThreatStatus::Open);
    }

    void filtersNarrowTheTable()
    {
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        m_window->analysis()->analyzeNow(); // edits re-analyse on the next event-loop pass
        ThreatsPanel *panel = m_window->threatsPanel();
        const int all = panel->filter()->rowCount();
        QVERIFY(all > 5);
        // STRIDE: only E.
        for (const QChar letter : QStringLiteral("STRID"))
            panel->strideButton(letter)->click();
        const int onlyE = panel->filter()->rowCount();
        QVERIFY(onlyE > 0 && onlyE < all);
        for (int row = 0; row < onlyE; ++row)
            QCOMPARE(panel->filter()->index(row, 0).data(ThreatTableModel::PrimaryStrideRole).toChar(), QLatin1Char('E'));
        for (const QChar letter : QStringLiteral("STRID"))
            panel->strideButton(letter)->click();
        QCOMPARE(panel->filter()->rowCount(), all);
        // Severity: critical only.
        panel->severityFilter()->setCurrentIndex(panel->severityFilter()->findData(int(Severity::Critical)));
        for (int row = 0; row < panel->filter()->rowCount(); ++row)
            QCOMPARE(panel->filter()->index(row, 0).data(ThreatTableModel::ResidualSeverityRole).toInt(), int(Severity::Critical));
        panel->severityFilter()->setCurrentIndex(0);
        // Text.
        QTest::keyClicks(panel->searchField(), QStringLiteral("RUN-01"));
        QCOMPARE(panel->filter()->rowCount(), 1);
        panel->searchField()->clear();
        // Status: accepted threats leave "open or investigating".
        panel->statusFilter()->setCurrentIndex(panel->statusFilter()->findData(-2));
        const int open = panel->filter()->rowCount();
        RegisterEntry entry;
        entry.threat = "RUN-01@" + m_container.toStdString();
        entry.status = ThreatStatus::Accepted;
        m_document->undoStack()->push(new SetRegisterEntryCommand(m_document.get(), entry, QStringLiteral("Accept")));
        QCOMPARE(panel->filter()->rowCount(), open - 1);
        QVERIFY(panel->countsLabel()->text().contains(QStringLiteral("showing %1").arg(open - 1)));
    }

    void selectionFollowsBothWays()
    {
        const QString db = m_window->scene()->addKindAt(QStringLiteral("database"), QPointF(300, 0));
        m_window->analysis()->analyzeNow();
        ThreatsPanel *panel = m_window->threatsPanel();
        // Table → canvas: choosing a threat selects its element.
        const Threat *dbThreat = m_window->analysis()->threatsOf(db).value(0);
        QVERIFY(dbThreat);
        panel->selectThreat(QString::fromStdString(dbThreat->id()));
        QCOMPARE(m_window->scene()->selectedIds(), QStringList{db});
        // A re-analysis keeps the reviewer on the same threat.
        m_window->analysis()->analyzeNow();
        QCOMPARE(panel->currentThreatId(), QString::fromStdString(m_window->analysis()->threatsOf(db).value(0)->id()));
        // Canvas → table: "selected elements only" filters to that element's threats.
        panel->followSelection()->setChecked(true);
        m_window->scene()->selectIds({m_container});
        QVERIFY(panel->filter()->rowCount() > 0);
        for (int row = 0; row < panel->filter()->rowCount(); ++row)
            QCOMPARE(panel->filter()->index(row, 0).data(ThreatTableModel::SubjectIdRole).toString(), m_container);
    }

    void staleDecisionsAreListedAndDeletable()
    {
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        m_window->analysis()->analyzeNow(); // edits re-analyse on the next event-loop pass
        RegisterEntry entry;
        entry.threat = "RUN-01@" + m_container.toStdString();
        entry.status = ThreatStatus::Mitigated;
        m_document->undoStack()->push(new SetRegisterEntryCommand(m_document.get(), entry, QStringLiteral("Mitigate")));
        // The fix lands: the threat stops firing, the decision becomes stale but stays.
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(false)));
        m_window->analysis()->analyzeNow();
        ThreatsPanel *panel = m_window->threatsPanel();
        QCOMPARE(panel->staleList()->count(), 1);
        panel->staleList()->item(0)->setSelected(true);
        for (QPushButton *button : panel->findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Delete"))
                button->click();
        }
        QVERIFY(!m_document->model().findRegisterEntry(entry.threat));
        QCOMPARE(panel->staleList()->count(), 0);
        m_document->undoStack()->undo();
        QVERIFY(m_document->model().findRegisterEntry(entry.threat));
    }

    void selectingRightAfterAnEditKeepsTheTableValid()
    {
        // An edit leaves the analysis stale until the event loop runs; selecting a threat in that
        // moment re-analyses and resets the table under the selection.
        ThreatsPanel *panel = m_window->threatsPanel();
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        const QString id = QStringLiteral("RUN-01@") + m_container;
        panel->selectThreat(id);
        QCOMPARE(panel->currentThreatId(), id);
        const QModelIndex current = panel->table()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(ThreatTableModel::ThreatIdRole).toString(), id);
        // And again with a manual threat, added and selected before any event is processed.
        ManualThreat threat;
        threat.title = "Shell history kept in the image";
        threat.stride = "I";
        threat.target = m_container.toStdString();
        m_document->undoStack()->push(new AddManualThreatCommand(m_document.get(), threat));
        const QString manual = QString::fromStdString(m_document->model().manualThreats().back().id);
        panel->selectThreat(manual);
        QCOMPARE(panel->table()->currentIndex().data(ThreatTableModel::ThreatIdRole).toString(), manual);
    }

    void manualThreatsComeAndGo()
    {
        const std::vector<std::string> titles{"Backups copied to a laptop", "Shared admin account",
                                              "Debug port left open"};
        for (const std::string &title : titles) {
            ManualThreat threat;
            threat.title = title;
            threat.stride = "I";
            threat.target = m_container.toStdString();
            threat.likelihood = 2;
            threat.impact = 4;
            m_document->undoStack()->push(new AddManualThreatCommand(m_document.get(), threat));
        }
        const QStringList ids = manualIds();
        QCOMPARE(ids.size(), 3);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 3);
        ThreatsPanel *panel = m_window->threatsPanel();
        for (int i = 0; i < 3; ++i) {
            const int row = panel->model()->rowOf(ids[i]);
            QVERIFY(row >= 0);
            QCOMPARE(panel->model()->index(row, ThreatTableModel::TitleColumn).data().toString(),
                     QString::fromStdString(titles[std::size_t(i)]));
        }

        // The middle one through the panel's button, the others through commands.
        panel->selectThreat(ids[1]);
        QPushButton *remove = nullptr;
        for (QPushButton *button : panel->findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Remove"))
                remove = button;
        }
        QVERIFY(remove && remove->isEnabled());
        remove->click();
        QCOMPARE(manualIds(), QStringList({ids[0], ids[2]}));
        QCOMPARE(panel->model()->rowOf(ids[1]), -1);
        m_document->undoStack()->push(new RemoveManualThreatCommand(m_document.get(), ids[2]));
        m_document->undoStack()->push(new RemoveManualThreatCommand(m_document.get(), ids[0]));
        QVERIFY(manualIds().isEmpty());

        // Undo puts each back where it was, in whatever order the steps come back.
        m_document->undoStack()->undo();
        QCOMPARE(manualIds(), QStringList({ids[0]}));
        m_document->undoStack()->undo();
        QCOMPARE(manualIds(), QStringList({ids[0], ids[2]}));
        m_document->undoStack()->undo();
        QCOMPARE(manualIds(), ids);
        m_document->undoStack()->redo();
        QCOMPARE(manualIds(), QStringList({ids[0], ids[2]}));
        m_document->undoStack()->redo();
        m_document->undoStack()->undo();
        QCOMPARE(manualIds(), QStringList({ids[0], ids[2]}));
        m_document->undoStack()->undo();
        QCOMPARE(manualIds(), ids);
        // Undoing the additions takes them away last first; redoing brings them back in order.
        for (int i = 2; i >= 0; --i) {
            m_document->undoStack()->undo();
            QCOMPARE(manualIds(), ids.mid(0, i));
        }
        for (int i = 1; i <= 3; ++i) {
            m_document->undoStack()->redo();
            QCOMPARE(manualIds(), ids.mid(0, i));
        }
        for (const QString &id : ids)
            QVERIFY(panel->model()->rowOf(id) >= 0);
    }

    void extraCatalogAddsKinds()
    {
        const QString overlay = QStringLiteral(BULKHEAD_TEST_DATA_DIR "/rules/analysis-catalog.json");
        QVERIFY(m_window->loadCatalogs({overlay}));
        QVERIFY(m_document->catalog().findThreat("T-ESCAPE"));
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        m_window->analysis()->analyzeNow();
        QVERIFY(m_window->analysis()->result().findThreat(("T-ESCAPE@" + m_container).toStdString()));
        QVERIFY(m_window->loadCatalogs({}));
        QVERIFY(!m_document->catalog().findThreat("T-ESCAPE"));
        QVERIFY(!m_window->analysis()->result().findThreat(("T-ESCAPE@" + m_container).toStdString()));
    }

    void exportsFromTheWindow_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("marker");
        QTest::newRow("html") << int(ExportDialog::Format::Html) << QStringLiteral(".html")
                              << QStringLiteral("Content-Security-Policy");
        QTest::newRow("markdown") << int(ExportDialog::Format::Markdown) << QStringLiteral(".md") << QStringLiteral("# ");
        QTest::newRow("csv") << int(ExportDialog::Format::Csv) << QStringLiteral(".csv") << QStringLiteral("id,rule,stride");
        QTest::newRow("json") << int(ExportDialog::Format::Json) << QStringLiteral(".json") << QStringLiteral("\"threats\"");
        QTest::newRow("sarif") << int(ExportDialog::Format::Sarif) << QStringLiteral(".sarif") << QStringLiteral("\"2.1.0\"");
    }

    void exportsFromTheWindow()
    {
        QFETCH(int, format);
        QFETCH(QString, suffix);
        QFETCH(QString, marker);
        m_document->undoStack()->push(new ChangePropertyCommand(m_document.get(), {m_container}, "privileged", PropertyValue(true)));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report") + suffix);
        QVERIFY(m_window->exportReport(path, format));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.contains(marker), qPrintable(text.left(300)));
        // The edit just made is in the export, even before the batched re-analysis ran.
        QVERIFY(text.contains(QStringLiteral("RUN-01")));
    }

    void pdfReport()
    {
        // The compose example: a real diagram, several pages of tables.
        QVERIFY(m_window->openExample(QStringLiteral(":/examples/compose-web-app.bulkhead.json")));
        m_window->analysis()->analyzeNow();
        QTemporaryDir dir;
        dir.setAutoRemove(!qEnvironmentVariableIsSet("BULKHEAD_KEEP_PDF"));
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(m_window->exportReport(path, int(ExportDialog::Format::Pdf)));
        // Real, selectable text: every threat id is there (a table cell may wrap a long one).
        QString content = bulkhead::test::pdfText(path);
        QVERIFY(content.contains(QStringLiteral("Data-flow diagram")));
        // pdftotext joins a word broken at a hyphen, so compare without spaces and hyphens.
        const QRegularExpression spacing(QStringLiteral("[\\s-]"));
        content.remove(spacing);
        for (const Threat &t : m_window->analysis()->result().threats)
            QVERIFY2(content.contains(QString::fromStdString(t.id()).remove(spacing)), t.id().c_str());
        const QVector<QSizeF> pages = bulkhead::test::pdfPageSizes(path);
        const int pageCount = int(pages.size());
        QVERIFY(pageCount >= 3);
        QVERIFY(content.contains(QStringLiteral("Page%1").arg(pageCount)));
        // Exactly one landscape page: the diagram's.
        const int landscape = int(std::count_if(pages.begin(), pages.end(), [](const QSizeF &size) { return size.width() > size.height(); }));
        QCOMPARE(landscape, 1);
    }

private:
    QStringList manualIds() const
    {
        QStringList ids;
        for (const ManualThreat &t : m_document->model().manualThreats())
            ids.append(QString::fromStdString(t.id));
        return ids;
    }

    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
    QString m_container;
};

QTEST_MAIN(TestThreatsPanel)
#include "tst_threatspanel.moc"
