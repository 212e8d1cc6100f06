#pragma once

#include "core/registerentry.h"

#include <QString>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QVBoxLayout;

namespace bulkhead {

class AnalysisController;
class Document;
struct Threat;

/**
 * One threat in full: why the analysis found it (the rule's description and the values it
 * read), its risk, the mitigations the catalog links with whether the model implements them,
 * references — and the reviewer's decision as a form.
 *
 * Each change in the form is one SetRegisterEntryCommand on the document's undo stack: the
 * combos commit on choice, the text fields on leaving them or Ctrl+Enter (Escape takes back
 * what was typed). The panel holds only the threat's id and re-reads the threat after every
 * analysis; when the threat no longer fires it says so and disables the form. A refresh never
 * overwrites what the user is typing in the focused field. When another model replaces the
 * document's (new, open, import), the panel empties.
 */
class ThreatDetails : public QWidget
{
    Q_OBJECT

public:
    explicit ThreatDetails(AnalysisController *analysis, QWidget *parent = nullptr);
    ~ThreatDetails() override;

    /** Shows the threat with this id ("RULE@SUBJECT" or a manual threat's id); empty clears. */
    void showThreat(const QString &threatId);
    QString threatId() const { return m_threatId; }
    /** The shown id no longer names a threat of the current analysis. */
    bool isStale() const { return m_stale; }

    /** Shows the empty state, as when another model replaces the document's. */
    void clear();

    /** Commits a text field the user is still typing in (as leaving the field would). */
    void commitPendingEdits();

    // For tests.
    QComboBox *statusCombo() const { return m_statusCombo; }
    QPlainTextEdit *justificationEdit() const { return m_justificationEdit; }
    QLineEdit *ownerEdit() const { return m_ownerEdit; }
    QComboBox *severityOverrideCombo() const { return m_severityCombo; }
    QPlainTextEdit *notesEdit() const { return m_notesEdit; }
    QLabel *explanationLabel() const { return m_explanationLabel; }

private:
    /** The threat's title, category, subject, risk, reasons, mitigations and references. */
    void addFindings(QVBoxLayout *layout, QWidget *content);
    /** The reviewer's decision: status, justification, owner, severity override, notes. */
    void createDecisionForm(QWidget *content);
    /** Re-reads the shown threat from the current analysis; `force` overwrites every field. */
    void refresh(bool force);
    void showContent(const Threat &threat);
    void showStaleContent();
    void updateMitigations(const Threat &threat);
    void updateForm(bool force);
    void updateHint();

    /** The register entry as stored, or a fresh one for the shown threat. */
    RegisterEntry currentEntry() const;
    /** Pushes one command setting `entry` when it differs from the stored one. */
    void apply(const RegisterEntry &entry, const QString &text);
    void commitStatus();
    void commitSeverityOverride();
    void commitJustification();
    void commitOwner();
    void commitNotes();
    /** Escape: the field shows the stored value again. */
    void revertField(QWidget *field);

    AnalysisController *m_analysis;
    Document *m_document;
    QString m_threatId;
    bool m_stale = false;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_idLabel = nullptr;
    QLabel *m_strideLabel = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QLabel *m_staleLabel = nullptr;
    QLabel *m_riskLabel = nullptr;
    QLabel *m_riskNotesLabel = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLabel *m_descriptionTitle = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QLabel *m_explanationLabel = nullptr;
    QLabel *m_mitigationsTitle = nullptr;
    QWidget *m_mitigationsBox = nullptr;
    QGridLayout *m_mitigationsGrid = nullptr;
    /** What the mitigation rows show: ids and marks. */
    QString m_mitigationsKey;
    QLabel *m_referencesTitle = nullptr;
    QLabel *m_referencesLabel = nullptr;
    QWidget *m_form = nullptr;

    QComboBox *m_statusCombo = nullptr;
    QPlainTextEdit *m_justificationEdit = nullptr;
    QLabel *m_hintLabel = nullptr;
    QLineEdit *m_ownerEdit = nullptr;
    QComboBox *m_severityCombo = nullptr;
    QPlainTextEdit *m_notesEdit = nullptr;
};

} // namespace bulkhead
