#include "threatspanel.h"

#include "analysiscontroller.h"
#include "commands/manualthreatcommands.h"
#include "commands/setregisterentrycommand.h"
#include "displaynames.h"
#include "document.h"
#include "threattablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace bulkhead {

// ---- filter ------------------------------------------------------------------------------

void ThreatFilterModel::setStrideLetters(const QString &letters)
{
    m_letters = letters;
    invalidateFilter();
}

void ThreatFilterModel::setMinimumSeverity(int severity)
{
    m_minimumSeverity = severity;
    invalidateFilter();
}

void ThreatFilterModel::setStatus(int status)
{
    m_status = status;
    invalidateFilter();
}

void ThreatFilterModel::setSubjects(const QStringList &subjectIds)
{
    m_subjects = subjectIds;
    invalidateFilter();
}

void ThreatFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool ThreatFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QChar letter = index.data(ThreatTableModel::PrimaryStrideRole).toChar();
    if (!m_letters.contains(letter))
        return false;
    if (m_minimumSeverity >= 0
        && index.data(ThreatTableModel::ResidualSeverityRole).toInt() < m_minimumSeverity)
        return false;
    if (m_status == -2 && !index.data(ThreatTableModel::OpenRole).toBool())
        return false;
    if (m_status >= 0 && index.data(ThreatTableModel::StatusRole).toInt() != m_status)
        return false;
    if (!m_subjects.isEmpty()
        && !m_subjects.contains(index.data(ThreatTableModel::SubjectIdRole).toString()))
        return false;
    if (!m_text.isEmpty()
        && !index.data(ThreatTableModel::SearchTextRole)
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

// ---- panel -------------------------------------------------------------------------------

ThreatsPanel::ThreatsPanel(AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_model(new ThreatTableModel(analysis, this))
    , m_filter(new ThreatFilterModel(this))
    , m_table(new QTableView(this))
    , m_counts(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_follow(new QCheckBox(tr("Selected elements only"), this))
    , m_stale(new QListWidget(this))
    , m_deleteStale(new QPushButton(tr("Delete"), this))
    , m_staleTitle(new QLabel(this))
    , m_removeManual(new QPushButton(tr("Remove"), this))
{
    setUpTable();
    QHBoxLayout *filters = createFilterBar();
    QWidget *staleBox = createStaleBox();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(staleBox);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_counts);
    layout->addWidget(splitter, 1);

    connectControls();
    updateCounts();
    refreshStale();
}

void ThreatsPanel::setUpTable()
{
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(ThreatTableModel::SortRole);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // analysis order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setSectionResizeMode(ThreatTableModel::TitleColumn,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(ThreatTableModel::IdColumn, 170);
    m_table->setColumnWidth(ThreatTableModel::StrideColumn, 60);
    m_table->setColumnWidth(ThreatTableModel::SubjectColumn, 150);
    m_table->setColumnWidth(ThreatTableModel::LikelihoodColumn, 28);
    m_table->setColumnWidth(ThreatTableModel::ImpactColumn, 28);
    // Wide enough for the longest severity text, "up to Critical → up to Critical *".
    int severityWidth = 0;
    for (const Severity severity :
         {Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
        const QString widest = severityName(severity, true) + QStringLiteral(" → ")
                               + severityName(severity, true) + QStringLiteral(" *");
        severityWidth = std::max(severityWidth, m_table->fontMetrics().horizontalAdvance(widest));
    }
    m_table->setColumnWidth(ThreatTableModel::SeverityColumn, severityWidth + 16);
    m_table->setColumnWidth(ThreatTableModel::StatusColumn, 130);
    m_table->setColumnWidth(ThreatTableModel::ConfirmColumn, 60);
}

QHBoxLayout *ThreatsPanel::createFilterBar()
{
    auto *filters = new QHBoxLayout;
    filters->setSpacing(4);
    for (const QChar letter : QStringLiteral("STRIDE")) {
        auto *button = new QToolButton(this);
        button->setText(QString(letter));
        button->setCheckable(true);
        button->setChecked(true);
        button->setToolTip(strideNameOfLetter(letter));
        connect(button, &QToolButton::toggled, this, &ThreatsPanel::applyStride);
        m_strideButtons.append(button);
        filters->addWidget(button);
    }
    m_severity->addItem(tr("Any severity"), -1);
    m_severity->addItem(tr("Medium and above"), int(Severity::Medium));
    m_severity->addItem(tr("High and above"), int(Severity::High));
    m_severity->addItem(severityName(Severity::Critical), int(Severity::Critical));
    m_status->addItem(tr("Any status"), -1);
    m_status->addItem(tr("Open or investigating"), -2);
    for (int status = int(ThreatStatus::Open); status <= int(ThreatStatus::NotApplicable); ++status)
        m_status->addItem(threatStatusName(ThreatStatus(status)), status);
    m_search->setPlaceholderText(tr("Filter by id, threat or element…"));
    m_search->setClearButtonEnabled(true);
    auto *addManual = new QPushButton(tr("Add threat…"), this);
    addManual->setToolTip(
        tr("Record a threat the catalog does not know, for the selected element"));
    m_removeManual->setToolTip(tr("Remove the selected hand-written threat"));
    m_removeManual->setEnabled(false);
    filters->addWidget(m_severity);
    filters->addWidget(m_status);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_follow);
    filters->addWidget(addManual);
    filters->addWidget(m_removeManual);
    connect(addManual, &QPushButton::clicked, this, &ThreatsPanel::addManualThreat);
    return filters;
}

QWidget *ThreatsPanel::createStaleBox()
{
    auto *staleBox = new QWidget(this);
    auto *staleLayout = new QVBoxLayout(staleBox);
    staleLayout->setContentsMargins(0, 0, 0, 0);
    auto *staleHeader = new QHBoxLayout;
    staleHeader->addWidget(m_staleTitle, 1);
    staleHeader->addWidget(m_deleteStale);
    staleLayout->addLayout(staleHeader);
    staleLayout->addWidget(m_stale);
    m_stale->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_staleTitle->setToolTip(tr("Decisions recorded for threats that no longer fire. They are kept "
                                "until you delete them."));
    return staleBox;
}

void ThreatsPanel::connectControls()
{
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumSeverity(m_severity->currentData().toInt());
        updateCounts();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatus(m_status->currentData().toInt());
        updateCounts();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateCounts();
    });
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setSubjects(on ? m_canvasSelection : QStringList());
        updateCounts();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return; // a re-analysis reset the table; the choice is restored afterwards
                m_selectedId = current.data(ThreatTableModel::ThreatIdRole).toString();
                const Threat *t = m_analysis->result().findThreat(m_selectedId.toStdString());
                m_removeManual->setEnabled(t && t->manual);
                Q_EMIT threatSelected(m_selectedId);
            });
    connect(m_removeManual, &QPushButton::clicked, this, &ThreatsPanel::removeManualThreat);
    connect(m_deleteStale, &QPushButton::clicked, this, [this] {
        QStringList ids;
        for (QListWidgetItem *item : m_stale->selectedItems())
            ids << item->data(Qt::UserRole).toString();
        if (ids.isEmpty())
            return;
        Document *document = m_analysis->document();
        document->undoStack()->push(new RemoveRegisterEntriesCommand(document, ids));
    });
    connect(m_analysis, &AnalysisController::analysisUpdated, this, [this] {
        // The model was reset: keep the reviewer on the threat they were looking at.
        const QString keep = m_selectedId;
        updateCounts();
        refreshStale();
        if (!keep.isEmpty())
            selectThreat(keep);
    });
}

QToolButton *ThreatsPanel::strideButton(QChar letter) const
{
    const qsizetype i = QStringLiteral("STRIDE").indexOf(letter);
    return i >= 0 ? m_strideButtons.value(i) : nullptr;
}

void ThreatsPanel::applyStride()
{
    QString letters;
    for (QToolButton *button : m_strideButtons) {
        if (button->isChecked())
            letters += button->text();
    }
    m_filter->setStrideLetters(letters);
    updateCounts();
}

void ThreatsPanel::updateCounts()
{
    const auto &threats = m_analysis->result().threats;
    int open = 0;
    int confirm = 0;
    int critical = 0;
    int high = 0;
    for (const Threat &t : threats) {
        if (!t.isOpen())
            continue;
        ++open;
        confirm += t.needsConfirmation ? 1 : 0;
        critical += t.residualSeverity == Severity::Critical ? 1 : 0;
        high += t.residualSeverity == Severity::High ? 1 : 0;
    }
    m_counts->setText(
        tr("%1 threats · %2 open (%3 critical, %4 high) · %5 need confirmation · showing %6")
            .arg(threats.size())
            .arg(open)
            .arg(critical)
            .arg(high)
            .arg(confirm)
            .arg(m_filter->rowCount()));
}

void ThreatsPanel::refreshStale()
{
    m_stale->clear();
    for (const RegisterEntry &entry : m_analysis->result().staleEntries) {
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 — %2%3")
                .arg(QString::fromStdString(entry.threat),
                     QString::fromUtf8(threatStatusKey(entry.status).data()),
                     entry.justification.empty()
                         ? QString()
                         : QStringLiteral(": ") + QString::fromStdString(entry.justification)),
            m_stale);
        item->setData(Qt::UserRole, QString::fromStdString(entry.threat));
    }
    const int count = m_stale->count();
    m_staleTitle->setText(tr("Stale decisions (%1): threats that no longer fire").arg(count));
    m_stale->parentWidget()->setVisible(count > 0);
}

QString ThreatsPanel::currentThreatId() const
{
    return m_selectedId;
}

void ThreatsPanel::selectThreat(const QString &threatId)
{
    // Showing the threat brings a stale analysis up to date, which resets the table and leaves
    // any index taken before it dangling: start from a current table, and look the row up again
    // after selecting it.
    m_analysis->ensureCurrent();
    const auto shownIndex = [this, &threatId] {
        const int row = m_model->rowOf(threatId);
        return row < 0 ? QModelIndex() : m_filter->mapFromSource(m_model->index(row, 0));
    };
    const QModelIndex index = shownIndex();
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    if (const QModelIndex shown = shownIndex(); shown.isValid())
        m_table->scrollTo(shown);
}

QString ThreatsPanel::firstThreatOf(const QStringList &subjectIds) const
{
    const auto &result = m_analysis->result();
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        QString id = m_filter->index(row, 0).data(ThreatTableModel::ThreatIdRole).toString();
        const Threat *threat = result.findThreat(id.toStdString());
        if (threat && subjectIds.contains(QString::fromStdString(threat->subjectId)))
            return id;
    }
    return {};
}

void ThreatsPanel::setCanvasSelection(const QStringList &ids)
{
    m_canvasSelection = ids;
    if (m_follow->isChecked()) {
        m_filter->setSubjects(ids);
        updateCounts();
    }
}

void ThreatsPanel::addManualThreat()
{
    Document *document = m_analysis->document();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add a threat"));
    auto *title = new QLineEdit(&dialog);
    auto *description = new QPlainTextEdit(&dialog);
    auto *stride = new QComboBox(&dialog);
    for (const QChar letter : QStringLiteral("STRIDE"))
        stride->addItem(QStringLiteral("%1 — %2").arg(letter).arg(strideNameOfLetter(letter)),
                        QString(letter));
    auto *likelihood = new QSpinBox(&dialog);
    likelihood->setRange(1, 4);
    likelihood->setValue(2);
    auto *impact = new QSpinBox(&dialog);
    impact->setRange(1, 4);
    impact->setValue(2);
    const QString target = m_canvasSelection.value(0);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Title"), title);
    form->addRow(tr("Description"), description);
    form->addRow(tr("STRIDE"), stride);
    form->addRow(tr("Likelihood (1–4)"), likelihood);
    form->addRow(tr("Impact (1–4)"), impact);
    form->addRow(tr("Applies to"),
                 new QLabel(target.isEmpty() ? tr("the whole model") : target, &dialog));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || title->text().trimmed().isEmpty())
        return;
    ManualThreat threat;
    threat.title = title->text().trimmed().toStdString();
    threat.description = description->toPlainText().toStdString();
    threat.stride = stride->currentData().toString().toStdString();
    threat.target = target.toStdString();
    threat.likelihood = likelihood->value();
    threat.impact = impact->value();
    document->undoStack()->push(new AddManualThreatCommand(document, threat));
}

void ThreatsPanel::removeManualThreat()
{
    const Threat *t = m_analysis->result().findThreat(m_selectedId.toStdString());
    if (!t || !t->manual)
        return;
    Document *document = m_analysis->document();
    document->undoStack()->push(new RemoveManualThreatCommand(document, m_selectedId));
}

} // namespace bulkhead
