#include "threatdetails.h"

#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "catalog/threatrule.h"
#include "commands/setregisterentrycommand.h"
#include "core/itemref.h"
#include "core/manualthreat.h"
#include "displaynames.h"
#include "document.h"
#include "fieldbinding.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLayoutItem>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStringList>
#include <QUndoStack>
#include <QVBoxLayout>

#include <array>
#include <optional>

namespace bulkhead {

namespace {

constexpr int minimumPanelWidth = 280;

constexpr std::array<ThreatStatus, 6> statusOrder{
    ThreatStatus::Open,     ThreatStatus::NeedsInvestigation, ThreatStatus::Mitigated,
    ThreatStatus::Accepted, ThreatStatus::Transferred,        ThreatStatus::NotApplicable,
};

/** A decision that closes the threat without fixing it: reviewers will want a reason. */
bool needsReason(ThreatStatus status)
{
    return status == ThreatStatus::Accepted || status == ThreatStatus::NotApplicable
           || status == ThreatStatus::Transferred;
}

/** "E — Elevation of privilege", several letters one per line, primary first. */
QString strideText(const std::string &stride)
{
    QStringList parts;
    for (const char c : stride) {
        const QChar letter = QLatin1Char(c);
        if (letter.isSpace())
            continue;
        QString name = strideNameOfLetter(letter);
        if (name.isEmpty())
            name = ThreatDetails::tr("Unknown category");
        parts.append(QStringLiteral("%1 \u2014 %2").arg(letter.toUpper(), name));
    }
    return parts.join(QLatin1Char('\n'));
}

QString subjectText(const Document &document, const Threat &threat)
{
    const ThreatModel &model = document.model();
    const Catalog &catalog = document.catalog();
    QString id = QString::fromStdString(threat.subjectId); // not const: returned by move
    auto kindName = [&catalog](const std::string &kind) {
        if (const ElementKind *k = catalog.findKind(kind))
            return QString::fromStdString(k->displayName);
        return QString::fromStdString(kind);
    };
    auto named = [&id](const std::string &name, const QString &kind) {
        const QString shown = name.empty() ? id : QString::fromStdString(name);
        return ThreatDetails::tr("%1 (%2)").arg(shown, kind);
    };
    if (threat.subjectType == SubjectType::Model)
        return ThreatDetails::tr("The deployment as a whole");
    const ItemRef subject = findItem(model, threat.subjectId, itemKindOf(threat.subjectType));
    if (const Element *e = subject.element())
        return named(e->name, kindName(e->kind));
    if (const Boundary *b = subject.boundary())
        return named(b->name, kindName(b->kind));
    if (subject.flow())
        return named(shownName(model, subject), ThreatDetails::tr("data flow"));
    return id;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 6, 0, 0);
    return label;
}

QLabel *textLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *mutedLabel(QWidget *parent, const char *objectName)
{
    QLabel *label = textLabel(parent, objectName);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void setText(QLabel *label, const QString &text)
{
    if (label->text() != text)
        label->setText(text);
    label->setVisible(!text.isEmpty());
}

QString plainText(QPlainTextEdit *edit)
{
    return edit->toPlainText();
}

/** Shows `value` unless the user is editing the field; signals blocked. */
void syncText(QPlainTextEdit *edit, const QString &value, bool force)
{
    if (edit->toPlainText() == value) {
        edit->document()->setModified(false);
        return;
    }
    if (!force && edit->hasFocus() && edit->document()->isModified())
        return;
    const QSignalBlocker blocker(edit);
    edit->setPlainText(value);
    edit->document()->setModified(false);
}

void syncText(QLineEdit *edit, const QString &value, bool force)
{
    if (edit->text() == value) {
        edit->setModified(false);
        return;
    }
    if (!force && edit->hasFocus() && edit->isModified())
        return;
    const QSignalBlocker blocker(edit);
    edit->setText(value);
    edit->setModified(false);
}

void syncCombo(QComboBox *combo, int data)
{
    const int index = combo->findData(data);
    if (combo->currentIndex() == index)
        return;
    const QSignalBlocker blocker(combo);
    combo->setCurrentIndex(index);
}

} // namespace

ThreatDetails::ThreatDetails(AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_document(analysis->document())
{
    setMinimumWidth(minimumPanelWidth);

    m_stack = new QStackedWidget(this);

    m_placeholder = new QLabel(tr("Select a threat to see why it was found and record a decision."),
                               m_stack);
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto *scroll = new QScrollArea(m_stack);
    scroll->setObjectName(QStringLiteral("threatDetailsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stack->addWidget(scroll);

    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(4);

    addFindings(layout, content);

    // Decision.
    auto *separator = new QFrame(content);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addSpacing(4);
    layout->addWidget(separator);
    layout->addWidget(sectionTitle(tr("Decision"), content));

    createDecisionForm(content);
    layout->addWidget(m_form);
    layout->addStretch(1);
    scroll->setWidget(content);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(m_analysis, &AnalysisController::analysisUpdated, this, [this] { refresh(false); });
    connect(m_document, &Document::replaced, this, &ThreatDetails::clear);

    refresh(true);
}

void ThreatDetails::addFindings(QVBoxLayout *layout, QWidget *content)
{
    // Header: what, which category, on what.
    m_titleLabel = textLabel(content, "titleLabel");
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_titleLabel->setFont(titleFont);
    layout->addWidget(m_titleLabel);
    m_idLabel = mutedLabel(content, "idLabel");
    layout->addWidget(m_idLabel);
    m_strideLabel = textLabel(content, "strideLabel");
    m_strideLabel->setToolTip(tr("STRIDE category, primary first"));
    layout->addWidget(m_strideLabel);
    m_subjectLabel = textLabel(content, "subjectLabel");
    layout->addWidget(m_subjectLabel);

    m_staleLabel = textLabel(content, "staleLabel");
    m_staleLabel->setText(tr("This threat no longer fires for the current model."));
    QFont staleFont = m_staleLabel->font();
    staleFont.setItalic(true);
    m_staleLabel->setFont(staleFont);
    m_staleLabel->setFrameShape(QFrame::StyledPanel);
    m_staleLabel->setMargin(6);
    m_staleLabel->hide();
    layout->addWidget(m_staleLabel);

    // Risk.
    layout->addWidget(sectionTitle(tr("Risk"), content));
    m_riskLabel = textLabel(content, "riskLabel");
    layout->addWidget(m_riskLabel);
    m_riskNotesLabel = mutedLabel(content, "riskNotesLabel");
    layout->addWidget(m_riskNotesLabel);
    m_confirmLabel = textLabel(content, "confirmLabel");
    m_confirmLabel->setText(tr("Needs confirmation: it rests on values the model leaves unknown."));
    QFont confirmFont = m_confirmLabel->font();
    confirmFont.setItalic(true);
    m_confirmLabel->setFont(confirmFont);
    layout->addWidget(m_confirmLabel);

    // Why.
    m_descriptionTitle = sectionTitle(tr("Description"), content);
    layout->addWidget(m_descriptionTitle);
    m_descriptionLabel = textLabel(content, "descriptionLabel");
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(sectionTitle(tr("Why it fired"), content));
    m_explanationLabel = textLabel(content, "explanationLabel");
    m_explanationLabel->setToolTip(tr("The values the rule read from the model"));
    layout->addWidget(m_explanationLabel);

    // Mitigations.
    m_mitigationsTitle = sectionTitle(tr("Mitigations"), content);
    layout->addWidget(m_mitigationsTitle);
    m_mitigationsBox = new QWidget(content);
    m_mitigationsBox->setObjectName(QStringLiteral("mitigationsBox"));
    m_mitigationsGrid = new QGridLayout(m_mitigationsBox);
    m_mitigationsGrid->setContentsMargins(0, 0, 0, 0);
    m_mitigationsGrid->setHorizontalSpacing(8);
    m_mitigationsGrid->setVerticalSpacing(1);
    m_mitigationsGrid->setColumnStretch(1, 1);
    layout->addWidget(m_mitigationsBox);

    // References.
    m_referencesTitle = sectionTitle(tr("References"), content);
    layout->addWidget(m_referencesTitle);
    m_referencesLabel = textLabel(content, "referencesLabel");
    m_referencesLabel->setTextFormat(Qt::RichText);
    m_referencesLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_referencesLabel->setOpenExternalLinks(true);
    layout->addWidget(m_referencesLabel);
    // The rule's sourceRefs label threats of the catalog's own source article, which users do
    // not have: for catalog authors (catalog export), not shown here.
}

void ThreatDetails::createDecisionForm(QWidget *content)
{
    m_form = new QWidget(content);
    m_form->setObjectName(QStringLiteral("decisionForm"));
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_statusCombo = new QComboBox(m_form);
    m_statusCombo->setObjectName(QStringLiteral("statusCombo"));
    for (const ThreatStatus status : statusOrder)
        m_statusCombo->addItem(threatStatusName(status), int(status));
    m_statusCombo->setToolTip(tr("The reviewer's decision about this threat. It says whether "
                                 "the threat is still open; it does not lower the residual "
                                 "severity, which follows the mitigations the model shows."));
    connect(m_statusCombo, &QComboBox::activated, this, &ThreatDetails::commitStatus);
    form->addRow(tr("&Status:"), m_statusCombo);

    m_justificationEdit = new QPlainTextEdit(m_form);
    m_justificationEdit->setObjectName(QStringLiteral("justificationEdit"));
    m_justificationEdit->setTabChangesFocus(true);
    m_justificationEdit->setPlaceholderText(tr("Why this decision (Ctrl+Enter to apply)"));
    m_justificationEdit->setFixedHeight(m_justificationEdit->fontMetrics().lineSpacing() * 4 + 12);
    FieldBinding::bind(
        m_justificationEdit, [this] { commitJustification(); },
        [this] { revertField(m_justificationEdit); });
    connect(m_justificationEdit, &QPlainTextEdit::textChanged, this, &ThreatDetails::updateHint);
    form->addRow(tr("&Justification:"), m_justificationEdit);

    m_hintLabel = mutedLabel(m_form, "justificationHint");
    m_hintLabel->setText(tr("Say why \u2014 reviewers and auditors will ask."));
    QFont hintFont = m_hintLabel->font();
    hintFont.setItalic(true);
    m_hintLabel->setFont(hintFont);
    m_hintLabel->hide();
    form->addRow(m_hintLabel);

    m_ownerEdit = new QLineEdit(m_form);
    m_ownerEdit->setObjectName(QStringLiteral("ownerEdit"));
    m_ownerEdit->setPlaceholderText(tr("Who follows this up"));
    FieldBinding::bind(
        m_ownerEdit, [this] { commitOwner(); }, [this] { revertField(m_ownerEdit); });
    form->addRow(tr("&Owner:"), m_ownerEdit);

    m_severityCombo = new QComboBox(m_form);
    m_severityCombo->setObjectName(QStringLiteral("severityOverrideCombo"));
    m_severityCombo->addItem(tr("No override"), -1);
    for (const Severity severity :
         {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        m_severityCombo->addItem(severityName(severity), int(severity));
    m_severityCombo->setToolTip(tr("Replaces the computed residual severity"));
    connect(m_severityCombo, &QComboBox::activated, this, &ThreatDetails::commitSeverityOverride);
    form->addRow(tr("Se&verity override:"), m_severityCombo);

    m_notesEdit = new QPlainTextEdit(m_form);
    m_notesEdit->setObjectName(QStringLiteral("notesEdit"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setPlaceholderText(tr("Anything else (Ctrl+Enter to apply)"));
    m_notesEdit->setFixedHeight(m_notesEdit->fontMetrics().lineSpacing() * 4 + 12);
    FieldBinding::bind(
        m_notesEdit, [this] { commitNotes(); }, [this] { revertField(m_notesEdit); });
    form->addRow(tr("&Notes:"), m_notesEdit);
}

ThreatDetails::~ThreatDetails()
{
    // No commits while the children go away.
    FieldBinding::releaseAll(this);
}

void ThreatDetails::showThreat(const QString &threatId)
{
    if (threatId == m_threatId)
        return;
    m_analysis->ensureCurrent();
    commitPendingEdits();
    m_threatId = threatId;
    refresh(true);
}

void ThreatDetails::clear()
{
    // What was typed belonged to the old model's threat: dropped, not committed to the new one.
    m_threatId.clear();
    for (QPlainTextEdit *edit : {m_justificationEdit, m_notesEdit})
        syncText(edit, QString(), true);
    syncText(m_ownerEdit, QString(), true);
    refresh(true);
}

void ThreatDetails::commitPendingEdits()
{
    if (m_threatId.isEmpty() || m_stale)
        return;
    FieldBinding::commitFocused(this);
}

void ThreatDetails::refresh(bool force)
{
    if (m_threatId.isEmpty()) {
        m_stale = false;
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    m_stack->setCurrentIndex(1);
    const Threat *threat = m_analysis->result().findThreat(m_threatId.toStdString());
    m_stale = threat == nullptr;
    if (threat)
        showContent(*threat);
    else if (force)
        showStaleContent();
    // else: the content stays as last seen, under the notice.
    m_staleLabel->setVisible(m_stale);
    m_form->setEnabled(!m_stale);
    updateForm(force);
}

void ThreatDetails::showContent(const Threat &threat)
{
    setText(m_titleLabel, QString::fromStdString(threat.title()));
    setText(m_idLabel, m_threatId);
    setText(m_strideLabel, strideText(threat.stride()));
    setText(m_subjectLabel, tr("On %1").arg(subjectText(*m_document, threat)));

    QString risk = tr("Likelihood %1 \u00d7 impact %2 = %3 \u2192 residual %4")
                       .arg(threat.likelihood)
                       .arg(threat.impact)
                       .arg(severityName(threat.severity, threat.severityIsUpperBound()),
                            severityName(threat.residualSeverity,
                                         threat.residualSeverityIsUpperBound()));
    if (threat.severityOverridden)
        risk += tr(" (overridden)");
    else if (threat.residualLikelihood != threat.likelihood)
        risk +=
            tr(" (likelihood %1 with the implemented mitigations)").arg(threat.residualLikelihood);
    setText(m_riskLabel, risk);
    QStringList notes;
    for (const std::string &note : threat.riskNotes())
        notes.append(QString::fromStdString(note));
    setText(m_riskNotesLabel, notes.join(QLatin1Char('\n')));
    m_confirmLabel->setVisible(threat.needsConfirmation);

    if (threat.manual) {
        setText(m_descriptionLabel, QString::fromStdString(threat.manual->description));
        setText(m_explanationLabel, tr("Added by hand"));
    } else {
        setText(m_descriptionLabel,
                threat.rule ? QString::fromStdString(threat.rule->description) : QString());
        QString explanation = QString::fromStdString(m_analysis->explainer().explanation(threat));
        if (explanation.isEmpty())
            explanation = tr("The rule applies to every %1.")
                              .arg(threat.subjectType == SubjectType::Flow
                                       ? tr("matching flow")
                                       : tr("matching subject"));
        setText(m_explanationLabel, explanation);
    }
    m_descriptionTitle->setVisible(!m_descriptionLabel->text().isEmpty());

    updateMitigations(threat);

    QStringList links;
    if (threat.rule) {
        for (const Reference &reference : threat.rule->references) {
            const QString label = QString::fromStdString(referenceLabel(reference)).toHtmlEscaped();
            const QString url = QString::fromStdString(referenceUrl(reference));
            if (url.isEmpty())
                links.append(label);
            else
                links.append(
                    QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), label));
        }
    }
    setText(m_referencesLabel, links.join(QStringLiteral("<br>")));
    m_referencesTitle->setVisible(!links.isEmpty());
}

void ThreatDetails::showStaleContent()
{
    // What can be said without a threat: the catalog's rule, when the id names one.
    const qsizetype at = m_threatId.indexOf(QLatin1Char('@'));
    const ThreatRule *rule = at > 0 ? m_document->catalog().findThreat(
                                 m_threatId.left(at).toStdString())
                                    : nullptr;
    setText(m_titleLabel, rule ? QString::fromStdString(rule->title) : m_threatId);
    setText(m_idLabel, m_threatId);
    setText(m_strideLabel, rule ? strideText(rule->stride) : QString());
    setText(m_subjectLabel, QString());
    setText(m_riskLabel, QString());
    setText(m_riskNotesLabel, QString());
    m_confirmLabel->hide();
    setText(m_descriptionLabel, rule ? QString::fromStdString(rule->description) : QString());
    m_descriptionTitle->setVisible(rule != nullptr);
    setText(m_explanationLabel, QString());
    while (QLayoutItem *item = m_mitigationsGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_mitigationsKey.clear();
    m_mitigationsTitle->hide();
    m_mitigationsBox->hide();
    setText(m_referencesLabel, QString());
    m_referencesTitle->hide();
}

void ThreatDetails::updateMitigations(const Threat &threat)
{
    const std::vector<MitigationState> states = threat.mitigations();
    // Rebuilt only when the list or a mark changes, so a re-analysis does not flicker.
    QString key;
    for (const MitigationState &state : states) {
        if (state.mitigation)
            key += QString::fromStdString(state.mitigation->id)
                   + (state.implemented ? QStringLiteral("+;") : QStringLiteral("-;"));
    }
    if (key == m_mitigationsKey && !key.isEmpty())
        return;
    m_mitigationsKey = key;

    while (QLayoutItem *item = m_mitigationsGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int row = 0;
    for (const MitigationState &state : states) {
        if (!state.mitigation)
            continue;
        const Mitigation &m = *state.mitigation;

        auto *mark = new QLabel(state.implemented ? QStringLiteral("\u2713")
                                                  : QStringLiteral("\u2717"),
                                m_mitigationsBox);
        mark->setObjectName(QStringLiteral("mitigationMark"));
        mark->setProperty("implemented", state.implemented);
        mark->setToolTip(state.implemented ? tr("Implemented in the model")
                                           : tr("Missing: the model does not show this control"));
        mark->setAccessibleName(state.implemented ? tr("Implemented") : tr("Missing"));
        QFont markFont = mark->font();
        markFont.setBold(true);
        mark->setFont(markFont);
        // Implemented controls recede; missing ones carry the accent.
        mark->setForegroundRole(state.implemented ? QPalette::PlaceholderText : QPalette::Link);
        m_mitigationsGrid->addWidget(mark, 2 * row, 0, 2, 1, Qt::AlignTop);

        auto *title = new QLabel(QString::fromStdString(m.title), m_mitigationsBox);
        title->setObjectName(QStringLiteral("mitigationTitle"));
        title->setWordWrap(true);
        title->setToolTip(QString::fromStdString(m.description));
        if (state.implemented)
            title->setForegroundRole(QPalette::PlaceholderText);
        m_mitigationsGrid->addWidget(title, 2 * row, 1);

        auto *layer = new QLabel(QString::fromStdString(std::string(defenseLayerTitle(m.layer))),
                                 m_mitigationsBox);
        layer->setObjectName(QStringLiteral("mitigationLayer"));
        layer->setForegroundRole(QPalette::PlaceholderText);
        layer->setWordWrap(true);
        QFont layerFont = layer->font();
        layerFont.setPointSizeF(layerFont.pointSizeF() * 0.9);
        layer->setFont(layerFont);
        layer->setContentsMargins(0, 0, 0, 4);
        // The layer sits under the title, so a narrow panel gives the title the full width.
        m_mitigationsGrid->addWidget(layer, 2 * row + 1, 1);
        // The box may already be visible; new children are not shown by themselves.
        mark->show();
        title->show();
        layer->show();
        ++row;
    }
    m_mitigationsTitle->setVisible(row > 0);
    m_mitigationsBox->setVisible(row > 0);
}

void ThreatDetails::updateForm(bool force)
{
    if (m_threatId.isEmpty())
        return;
    const RegisterEntry entry = currentEntry();
    syncCombo(m_statusCombo, int(entry.status));
    syncCombo(m_severityCombo, entry.severityOverride ? int(*entry.severityOverride) : -1);
    syncText(m_justificationEdit, QString::fromStdString(entry.justification), force);
    syncText(m_ownerEdit, QString::fromStdString(entry.owner), force);
    syncText(m_notesEdit, QString::fromStdString(entry.notes), force);
    updateHint();
}

void ThreatDetails::updateHint()
{
    if (m_threatId.isEmpty())
        return;
    const auto status = ThreatStatus(m_statusCombo->currentData().toInt());
    m_hintLabel->setVisible(!m_stale && needsReason(status)
                            && m_justificationEdit->toPlainText().trimmed().isEmpty());
}

RegisterEntry ThreatDetails::currentEntry() const
{
    const std::string id = m_threatId.toStdString();
    if (const RegisterEntry *stored = m_document->model().findRegisterEntry(id))
        return *stored;
    RegisterEntry entry;
    entry.threat = id;
    return entry;
}

void ThreatDetails::apply(const RegisterEntry &entry, const QString &text)
{
    if (m_threatId.isEmpty() || m_stale || entry == currentEntry())
        return;
    m_document->undoStack()->push(new SetRegisterEntryCommand(m_document, entry, text));
}

void ThreatDetails::commitStatus()
{
    RegisterEntry entry = currentEntry();
    const auto status = ThreatStatus(m_statusCombo->currentData().toInt());
    if (entry.status == status)
        return;
    entry.status = status;
    apply(entry, tr("Set status of %1 to %2").arg(m_threatId, threatStatusName(status)));
    updateHint();
}

void ThreatDetails::commitSeverityOverride()
{
    RegisterEntry entry = currentEntry();
    const int data = m_severityCombo->currentData().toInt();
    const std::optional<Severity> value = data < 0 ? std::nullopt
                                                   : std::optional<Severity>(Severity(data));
    if (entry.severityOverride == value)
        return;
    entry.severityOverride = value;
    apply(entry, value ? tr("Override severity of %1 to %2").arg(m_threatId, severityName(*value))
                       : tr("Remove severity override of %1").arg(m_threatId));
}

void ThreatDetails::commitJustification()
{
    RegisterEntry entry = currentEntry();
    const std::string text = plainText(m_justificationEdit).toStdString();
    m_justificationEdit->document()->setModified(false);
    if (entry.justification == text)
        return;
    entry.justification = text;
    apply(entry, text.empty() ? tr("Clear justification of %1").arg(m_threatId)
                              : tr("Set justification of %1").arg(m_threatId));
}

void ThreatDetails::commitOwner()
{
    RegisterEntry entry = currentEntry();
    const QString owner = m_ownerEdit->text().trimmed();
    m_ownerEdit->setModified(false);
    if (entry.owner == owner.toStdString())
        return;
    entry.owner = owner.toStdString();
    apply(entry, owner.isEmpty() ? tr("Clear owner of %1").arg(m_threatId)
                                 : tr("Set owner of %1 to %2").arg(m_threatId, owner));
}

void ThreatDetails::commitNotes()
{
    RegisterEntry entry = currentEntry();
    const std::string text = plainText(m_notesEdit).toStdString();
    m_notesEdit->document()->setModified(false);
    if (entry.notes == text)
        return;
    entry.notes = text;
    apply(entry, text.empty() ? tr("Clear notes of %1").arg(m_threatId)
                              : tr("Set notes of %1").arg(m_threatId));
}

void ThreatDetails::revertField(QWidget *field)
{
    if (m_threatId.isEmpty())
        return;
    const RegisterEntry entry = currentEntry();
    if (field == m_justificationEdit)
        syncText(m_justificationEdit, QString::fromStdString(entry.justification), true);
    else if (field == m_notesEdit)
        syncText(m_notesEdit, QString::fromStdString(entry.notes), true);
    else if (field == m_ownerEdit)
        syncText(m_ownerEdit, QString::fromStdString(entry.owner), true);
    updateHint();
}

} // namespace bulkhead
