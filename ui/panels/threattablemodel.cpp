#include "threattablemodel.h"

#include "analysiscontroller.h"
#include "catalog/threatrule.h"
#include "core/itemref.h"
#include "core/threatmodel.h"
#include "displaynames.h"
#include "document.h"

#include <QApplication>
#include <QColor>
#include <QPalette>

namespace bulkhead {

QColor severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QColor(192, 38, 45);
    case Severity::High:
        return QColor(222, 110, 20);
    case Severity::Medium:
        return QColor(196, 160, 0);
    case Severity::Low:
        return QColor(90, 130, 170);
    }
    return {};
}

ThreatTableModel::ThreatTableModel(AnalysisController *analysis, QObject *parent)
    : QAbstractTableModel(parent)
    , m_analysis(analysis)
{
    connect(analysis, &AnalysisController::analysisUpdated, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

const Threat &ThreatTableModel::threatAt(int row) const
{
    return m_analysis->result().threats[std::size_t(row)];
}

int ThreatTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_analysis->result().threats.size());
}

int ThreatTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ThreatTableModel::rowOf(const QString &threatId) const
{
    const auto &threats = m_analysis->result().threats;
    const std::string id = threatId.toStdString();
    for (std::size_t i = 0; i < threats.size(); ++i) {
        if (threats[i].id() == id)
            return int(i);
    }
    return -1;
}

QVariant ThreatTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return columnToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case StrideColumn:
        return tr("STRIDE");
    case TitleColumn:
        return tr("Threat");
    case SubjectColumn:
        return tr("Element");
    case LikelihoodColumn:
        return tr("L");
    case ImpactColumn:
        return tr("I");
    case SeverityColumn:
        return tr("Severity → residual");
    case StatusColumn:
        return tr("Status");
    case ConfirmColumn:
        return tr("Confirm");
    case MitigationsColumn:
        return tr("Mitigations");
    }
    return {};
}

QString ThreatTableModel::columnToolTip(int section)
{
    switch (section) {
    case SeverityColumn:
        return tr("Severity before → after the mitigations the model shows in place. The "
                  "status does not change it: a threat marked Mitigated whose mitigations the "
                  "model does not show keeps its severity until you model them (or a reviewer "
                  "overrides the residual severity).");
    case StatusColumn:
        return tr("The reviewers' decision (Open, Needs investigation, Mitigated, Accepted, "
                  "Transferred, Not applicable). It says whether the threat is still open; it "
                  "does not lower the residual severity.");
    default:
        return {};
    }
}

QVariant ThreatTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Threat &t = threatAt(index.row());
    const ThreatModel &model = m_analysis->document()->model();
    auto subjectName = [&]() -> QString {
        const ItemRef subject = findItem(model, t.subjectId);
        return subject ? QString::fromStdString(shownName(model, subject)) : tr("(whole model)");
    };
    int implemented = 0;
    int total = 0;
    if (t.rule) {
        total = int(t.rule->mitigations.size());
        for (int i = 0; i < total && i < 64; ++i)
            implemented += ((t.implementedMask >> i) & 1u) ? 1 : 0;
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QString::fromStdString(t.id());
        case StrideColumn:
            return QString::fromStdString(t.stride());
        case TitleColumn:
            return QString::fromStdString(t.title());
        case SubjectColumn:
            return subjectName();
        case LikelihoodColumn:
            return int(t.likelihood);
        case ImpactColumn:
            return int(t.impact);
        case SeverityColumn:
            return severityName(t.severity, t.severityIsUpperBound()) + QStringLiteral(" → ")
                   + severityName(t.residualSeverity, t.residualSeverityIsUpperBound())
                   + (t.severityOverridden ? QStringLiteral(" *") : QString());
        case StatusColumn:
            return threatStatusName(t.status);
        case ConfirmColumn:
            return t.needsConfirmation ? tr("confirm") : QString();
        case MitigationsColumn:
            return t.rule ? tr("%1 of %2").arg(implemented).arg(total) : tr("—");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SeverityColumn && t.severityOverridden)
            return tr("The residual severity was set by a reviewer.");
        if (index.column() == SeverityColumn && t.severityIsUpperBound())
            return tr("Rests on unknown values: at most this until they are confirmed.");
        if (index.column() == SeverityColumn || index.column() == StatusColumn)
            return columnToolTip(index.column());
        if (index.column() == ConfirmColumn && t.needsConfirmation)
            return tr("Fired on unknown values: answering them in Properties decides it.");
        if (index.column() == TitleColumn)
            return QString::fromStdString(t.title());
        break;
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return severityColor(t.residualSeverity);
        if (!t.isOpen())
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LikelihoodColumn || index.column() == ImpactColumn)
            return int(Qt::AlignCenter);
        break;
    case ThreatIdRole:
        return QString::fromStdString(t.id());
    case SubjectIdRole:
        return QString::fromStdString(t.subjectId);
    case PrimaryStrideRole:
        return t.stride().empty() ? QChar() : QChar::fromLatin1(t.stride().front());
    case ResidualSeverityRole:
        return int(t.residualSeverity);
    case StatusRole:
        return int(t.status);
    case OpenRole:
        return t.isOpen();
    case SearchTextRole:
        return QString::fromStdString(t.id()) + QLatin1Char(' ') + QString::fromStdString(t.title())
               + QLatin1Char(' ') + subjectName();
    case SortRole:
        switch (index.column()) {
        case LikelihoodColumn:
            return int(t.likelihood);
        case ImpactColumn:
            return int(t.impact);
        case SeverityColumn:
            return int(t.residualSeverity) * 10 + int(t.severity);
        case StatusColumn:
            return int(t.status);
        case ConfirmColumn:
            return t.needsConfirmation ? 1 : 0;
        case MitigationsColumn:
            return total ? double(implemented) / total : -1.0;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        break;
    }
    return {};
}

} // namespace bulkhead
