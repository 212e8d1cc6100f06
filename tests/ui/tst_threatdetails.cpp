#include "analysiscontroller.h"
#include "brackettranslator.h"
#include "core/displaynames.h"
#include "catalog/catalog.h"
#include "commands/removeitemscommand.h"
#include "document.h"
#include "uifixtures.h"
#include "panels/threatdetails.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace bulkhead;

namespace {

const QString threatId = QStringLiteral("RUN-01@web");


/** A host with one privileged container, analysed live, and the panel showing RUN-01. */
struct Fixture
{
    Document document{builtInCatalog()};
    std::unique_ptr<AnalysisController> analysis;
    std::unique_ptr<ThreatDetails> details;

    Fixture()
    {
        test::addPrivilegedContainerOnHost(document, "web");
        document.undoStack()->clear();

        analysis = std::make_unique<AnalysisController>(&document);
        analysis->setDelay(0);
        details = std::make_unique<ThreatDetails>(analysis.get());
        details->resize(380, 900);
        details->show();
        details->showThreat(threatId);
    }

    ~Fixture()
    {
        details.reset();
        analysis.reset();
    }

    QUndoStack *stack() const { return document.undoStack(); }
    const RegisterEntry *entry() const { return document.model().findRegisterEntry(threatId.toStdString()); }
    const Threat *threat() const { return analysis->result().findThreat(threatId.toStdString()); }

    void chooseStatus(ThreatStatus status) const
    {
        QComboBox *combo = details->statusCombo();
        const int index = combo->findData(int(status));
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
    }

    /** Focuses the field, replaces its text by typing, and applies with Ctrl+Enter. */
    static void typeAndApply(QPlainTextEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    }

    QLabel *label(const char *name) const
    {
        return details->findChild<QLabel *>(QString::fromLatin1(name));
    }
};

} // namespace

class TestThreatDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyIdShowsThePlaceholder()
    {
        Fixture f;
        f.details->showThreat(QString());
        QVERIFY(f.details->threatId().isEmpty());
        QLabel *placeholder = f.label("placeholderLabel");
        QVERIFY(placeholder);
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().startsWith(QStringLiteral("Select a threat")));
        QVERIFY(!f.details->statusCombo()->isVisible());
    }

    void showsWhyTheThreatFired()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.details.get()));
        QVERIFY(f.threat());
        QCOMPARE(f.details->threatId(), threatId);
        QVERIFY(!f.details->isStale());

        QCOMPARE(f.label("titleLabel")->text(), QString::fromStdString(f.threat()->title()));
        QCOMPARE(f.label("idLabel")->text(), threatId);
        QCOMPARE(f.label("strideLabel")->text(),
                 QStringLiteral("E \u2014 Elevation of privilege"));
        QVERIFY2(f.label("subjectLabel")->text().contains(QStringLiteral("Web")),
                 qPrintable(f.label("subjectLabel")->text()));
        QVERIFY(f.label("subjectLabel")->text().contains(QStringLiteral("ontainer")));

        const QString risk = f.label("riskLabel")->text();
        QVERIFY2(risk.contains(QStringLiteral("Likelihood 3")) && risk.contains(QStringLiteral("impact 4"))
                     && risk.contains(QStringLiteral("= High")) && risk.contains(QStringLiteral("residual"))
                     && !risk.contains(QStringLiteral("up to")),
                 qPrintable(risk));

        QVERIFY(f.label("descriptionLabel")->text().contains(QStringLiteral("privileged container")));
        QVERIFY2(f.details->explanationLabel()->text().contains(QStringLiteral("privileged = true")),
                 qPrintable(f.details->explanationLabel()->text()));

        // One row per linked mitigation, across more than one defence layer.
        const QList<QLabel *> layers = f.details->findChildren<QLabel *>(QStringLiteral("mitigationLayer"));
        const QList<QLabel *> marks = f.details->findChildren<QLabel *>(QStringLiteral("mitigationMark"));
        QCOMPARE(layers.size(), qsizetype(f.threat()->mitigations().size()));
        QCOMPARE(marks.size(), layers.size());
        QSet<QString> distinct;
        for (QLabel *layer : layers)
            distinct.insert(layer->text());
        QVERIFY2(distinct.size() >= 2, qPrintable(QStringList(distinct.values()).join(u',')));
        // Nothing is in place in this model: every mark says missing.
        for (QLabel *mark : marks)
            QVERIFY(!mark->property("implemented").toBool());
        const QList<QLabel *> titles = f.details->findChildren<QLabel *>(QStringLiteral("mitigationTitle"));
        QVERIFY(!titles.isEmpty());
        for (QLabel *title : titles)
            QVERIFY(title->isVisible());
        QVERIFY(!titles.first()->toolTip().isEmpty());

        QLabel *references = f.label("referencesLabel");
        QVERIFY(references->openExternalLinks());
        QVERIFY2(references->text().contains(QStringLiteral("<a href=\"https://")),
                 qPrintable(references->text()));
        QVERIFY(references->text().contains(QStringLiteral("T1611")));
        // The rule's source-article labels (E1) mean nothing to a user: not shown.
        for (const QLabel *label : f.details->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(QStringLiteral("Source article")), qPrintable(label->text()));

        QCOMPARE(f.details->statusCombo()->currentText(), QStringLiteral("Open"));
        QCOMPARE(f.details->severityOverrideCombo()->currentText(), QStringLiteral("No override"));
        QVERIFY(f.details->statusCombo()->isEnabled());
    }

    void statusSeverityAndStrideUseTheSharedDisplayNames()
    {
        // One translation of ui/displaynames covers this panel too: it has no names of its own.
        testing::BracketTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const auto removeTranslator =
            qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.details.get()));
        const QComboBox *status = f.details->statusCombo();
        QCOMPARE(status->itemText(status->findData(int(ThreatStatus::NeedsInvestigation))),
                 QStringLiteral("[Needs investigation]"));
        const QComboBox *severity = f.details->severityOverrideCombo();
        QCOMPARE(severity->itemText(severity->findData(int(Severity::Critical))),
                 QStringLiteral("[Critical]"));
        QCOMPARE(f.label("strideLabel")->text(),
                 QStringLiteral("E \u2014 [Elevation of privilege]"));
    }

    void implementedMitigationIsMarked()
    {
        Fixture f;
        // A sandboxed runtime implements one of RUN-01's controls.
        f.document.setProperty(QStringLiteral("web"), "runtimeClass", PropertyValue(std::string("gvisor")));
        f.analysis->analyzeNow();
        QVERIFY(!f.details->isStale());
        int implemented = 0;
        const QList<QLabel *> marks = f.details->findChildren<QLabel *>(QStringLiteral("mitigationMark"));
        for (QLabel *mark : marks)
            implemented += mark->property("implemented").toBool() ? 1 : 0;
        QCOMPARE(implemented, 1);
        QCOMPARE(marks.size(), qsizetype(f.threat()->mitigations().size()));
    }

    void statusAndJustificationAreOneStepEach()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowActive(f.details.get()));
        QLabel *hint = f.label("justificationHint");
        QVERIFY(hint);
        QVERIFY(!hint->isVisible());

        f.chooseStatus(ThreatStatus::Accepted);
        QCOMPARE(f.stack()->count(), 1);
        QCOMPARE(f.stack()->text(0), QStringLiteral("Set status of RUN-01@web to Accepted"));
        QVERIFY(f.entry());
        QCOMPARE(f.entry()->status, ThreatStatus::Accepted);
        QCOMPARE(f.threat()->status, ThreatStatus::Accepted);
        QVERIFY(hint->isVisible());

        // Choosing the same status again changes nothing.
        f.chooseStatus(ThreatStatus::Accepted);
        QCOMPARE(f.stack()->count(), 1);

        // Typing is not a commit; Ctrl+Enter is.
        QPlainTextEdit *justification = f.details->justificationEdit();
        justification->setFocus();
        QTest::keyClicks(justification, QStringLiteral("Needs host devices"));
        QCOMPARE(f.stack()->count(), 1);
        QVERIFY(f.entry()->justification.empty());
        QVERIFY(!hint->isVisible());
        QTest::keyClick(justification, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(f.stack()->count(), 2);
        QCOMPARE(f.entry()->justification, std::string("Needs host devices"));
        QCOMPARE(f.entry()->status, ThreatStatus::Accepted);
        QCOMPARE(justification->toPlainText(), QStringLiteral("Needs host devices"));
        QVERIFY(justification->hasFocus());

        // Leaving the field unchanged pushes nothing.
        f.details->ownerEdit()->setFocus();
        QCOMPARE(f.stack()->count(), 2);

        // Owner commits on Enter, notes on leaving the field.
        QTest::keyClicks(f.details->ownerEdit(), QStringLiteral("platform team"));
        QTest::keyClick(f.details->ownerEdit(), Qt::Key_Return);
        QCOMPARE(f.stack()->count(), 3);
        QCOMPARE(f.entry()->owner, std::string("platform team"));
        QPlainTextEdit *notes = f.details->notesEdit();
        notes->setFocus();
        QTest::keyClicks(notes, QStringLiteral("Revisit in Q3"));
        QCOMPARE(f.stack()->count(), 3);
        f.details->ownerEdit()->setFocus();
        QCOMPARE(f.stack()->count(), 4);
        QCOMPARE(f.entry()->notes, std::string("Revisit in Q3"));
        QCOMPARE(f.entry()->justification, std::string("Needs host devices"));

        // Undo walks back one field at a time, and the form follows.
        f.stack()->undo();
        QVERIFY(f.entry()->notes.empty());
        QVERIFY(notes->toPlainText().isEmpty());
        f.stack()->undo();
        QVERIFY(f.entry()->owner.empty());
        f.stack()->undo();
        QVERIFY(f.entry()->justification.empty());
        QVERIFY(justification->toPlainText().isEmpty());
        QCOMPARE(f.entry()->status, ThreatStatus::Accepted);
        QVERIFY(hint->isVisible());
        f.stack()->undo();
        QCOMPARE(f.entry(), nullptr);
        QCOMPARE(f.details->statusCombo()->currentText(), QStringLiteral("Open"));
        QCOMPARE(f.threat()->status, ThreatStatus::Open);
        f.stack()->redo();
        QCOMPARE(f.details->statusCombo()->currentText(), QStringLiteral("Accepted"));
    }

    void escapeTakesBackTyping()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowActive(f.details.get()));
        QPlainTextEdit *notes = f.details->notesEdit();
        notes->setFocus();
        QTest::keyClicks(notes, QStringLiteral("oops"));
        QTest::keyClick(notes, Qt::Key_Escape);
        QVERIFY(notes->toPlainText().isEmpty());
        f.details->ownerEdit()->setFocus();
        QCOMPARE(f.stack()->count(), 0);
    }

    void unconfirmedSeverityReadsUpTo()
    {
        // The details show the model's bound, as the table and the reports do.
        Fixture f;
        const Threat *unconfirmed = nullptr;
        for (const Threat &t : f.analysis->result().threats) {
            if (t.severityIsUpperBound() && t.residualSeverityIsUpperBound()) {
                unconfirmed = &t;
                break;
            }
        }
        QVERIFY(unconfirmed);
        f.details->showThreat(QString::fromStdString(unconfirmed->id()));
        const QString risk = f.label("riskLabel")->text();
        const QString expected = QStringLiteral("= %1 \u2192 residual %2")
                                     .arg(QString::fromStdString(severityText(unconfirmed->severity, true)),
                                          QString::fromStdString(severityText(unconfirmed->residualSeverity, true)));
        QVERIFY2(risk.contains(expected), qPrintable(risk));
    }

    void severityOverrideSetsResidualSeverity()
    {
        Fixture f;
        QCOMPARE(f.threat()->residualSeverity, Severity::High);
        QComboBox *combo = f.details->severityOverrideCombo();
        const int low = combo->findText(QStringLiteral("Low"));
        QVERIFY(low > 0);
        combo->setCurrentIndex(low);
        Q_EMIT combo->activated(low);
        QCOMPARE(f.stack()->count(), 1);
        QVERIFY(f.entry()->severityOverride.has_value());
        QCOMPARE(*f.entry()->severityOverride, Severity::Low);
        QCOMPARE(f.threat()->residualSeverity, Severity::Low);
        QVERIFY(f.threat()->severityOverridden);
        QVERIFY2(f.label("riskLabel")->text().contains(QStringLiteral("residual Low")),
                 qPrintable(f.label("riskLabel")->text()));

        combo->setCurrentIndex(0);
        Q_EMIT combo->activated(0);
        QCOMPARE(f.stack()->count(), 2);
        QVERIFY(!f.entry()->severityOverride.has_value());
        QCOMPARE(f.threat()->residualSeverity, Severity::High);
    }

    void formSurvivesReanalysis()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowActive(f.details.get()));
        f.chooseStatus(ThreatStatus::Transferred);
        Fixture::typeAndApply(f.details->justificationEdit(), QStringLiteral("Cloud provider"));
        QCOMPARE(f.stack()->count(), 2);

        // Half-typed notes in the focused field survive a new analysis.
        QPlainTextEdit *notes = f.details->notesEdit();
        notes->setFocus();
        QTest::keyClicks(notes, QStringLiteral("still typing"));
        QSignalSpy updated(f.analysis.get(), &AnalysisController::analysisUpdated);
        f.document.setName(QStringLiteral("web"), QStringLiteral("Web frontend"));
        QTRY_COMPARE(updated.count(), 1);
        QVERIFY(f.label("subjectLabel")->text().contains(QStringLiteral("Web frontend")));
        QCOMPARE(f.details->statusCombo()->currentText(), QStringLiteral("Transferred"));
        QCOMPARE(f.details->justificationEdit()->toPlainText(), QStringLiteral("Cloud provider"));
        QCOMPARE(notes->toPlainText(), QStringLiteral("still typing"));
        QVERIFY(notes->hasFocus());
        QCOMPARE(f.stack()->count(), 2);
        QTest::keyClick(notes, Qt::Key_Enter, Qt::ControlModifier);
        QCOMPARE(f.stack()->count(), 3);
        QCOMPARE(f.entry()->notes, std::string("still typing"));
        QCOMPARE(f.stack()->text(2), QStringLiteral("Set notes of RUN-01@web"));
    }

    void staleThreatDisablesTheForm()
    {
        Fixture f;
        f.chooseStatus(ThreatStatus::Accepted);
        QVERIFY(f.details->statusCombo()->isEnabled());
        QLabel *stale = f.label("staleLabel");
        QVERIFY(!stale->isVisible());

        f.stack()->push(new RemoveItemsCommand(&f.document, {QStringLiteral("web")}));
        QTRY_VERIFY(f.details->isStale());
        QVERIFY(stale->isVisible());
        QCOMPARE(stale->text(), QStringLiteral("This threat no longer fires for the current model."));
        QVERIFY(!f.details->statusCombo()->isEnabled());
        QVERIFY(!f.details->justificationEdit()->isEnabled());
        QVERIFY(!f.details->ownerEdit()->isEnabled());
        QVERIFY(!f.details->severityOverrideCombo()->isEnabled());
        QVERIFY(!f.details->notesEdit()->isEnabled());
        // The decision is kept and still shown.
        QCOMPARE(f.details->statusCombo()->currentText(), QStringLiteral("Accepted"));

        // Bringing the container back revives the threat and the form.
        f.stack()->undo();
        QTRY_VERIFY(!f.details->isStale());
        QVERIFY(!stale->isVisible());
        QVERIFY(f.details->statusCombo()->isEnabled());

        // Opening a stale id directly also says so.
        f.details->showThreat(QStringLiteral("RUN-01@gone"));
        QVERIFY(f.details->isStale());
        QVERIFY(stale->isVisible());
        QCOMPARE(f.label("titleLabel")->text(), QString::fromStdString(f.threat()->title()));
        QVERIFY(!f.details->statusCombo()->isEnabled());
    }

    void replacingTheDocumentEmptiesThePanel()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.details.get()));
        QPlainTextEdit *justification = f.details->justificationEdit();
        justification->setFocus();
        QTest::keyClicks(justification, QStringLiteral("typed for the old model"));

        f.document.clear(); // File > New > Discard
        QVERIFY(f.details->threatId().isEmpty());
        QVERIFY(!f.details->isStale());
        QTRY_VERIFY(f.label("placeholderLabel")->isVisible());
        QVERIFY(!f.label("staleLabel")->isVisible());
        QVERIFY(justification->toPlainText().isEmpty());
        // What was typed went nowhere: the new document has no step and no decision.
        justification->clearFocus();
        QCOMPARE(f.stack()->count(), 0);
        QVERIFY(!f.entry());
    }

    void undoAfterApplyUndoesTheDocument()
    {
        Fixture f;
        // The editor's Undo action, as the main window has it.
        QAction *undo = f.stack()->createUndoAction(f.details.get());
        undo->setShortcut(QKeySequence::Undo);
        f.details->addAction(undo);
        QVERIFY(QTest::qWaitForWindowExposed(f.details.get()));
        QApplication::setActiveWindow(f.details.get());
        QTRY_VERIFY(f.details->isActiveWindow());

        QPlainTextEdit *justification = f.details->justificationEdit();
        Fixture::typeAndApply(justification, QStringLiteral("only in the lab"));
        QCOMPARE(f.stack()->count(), 1);
        QVERIFY(justification->hasFocus());

        // Ctrl+Z in the unmodified field takes back the applied step, not the typing.
        QTest::keyClick(justification, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.stack()->index(), 0);
        QVERIFY(!f.entry() || f.entry()->justification.empty());
        QTRY_COMPARE(justification->toPlainText(), QString());
        justification->clearFocus();
        QCOMPARE(f.stack()->count(), 1); // no "Clear justification" step
        QCOMPARE(f.stack()->index(), 0);

        // While the field holds unapplied typing, Ctrl+Z is the field's own.
        justification->setFocus();
        QTest::keyClicks(justification, QStringLiteral("ab"));
        QTest::keyClick(justification, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.stack()->index(), 0);
        QVERIFY(justification->toPlainText() != QStringLiteral("ab"));
    }
};

QTEST_MAIN(TestThreatDetails)
#include "tst_threatdetails.moc"
