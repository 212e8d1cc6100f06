#pragma once

#include "core/registerentry.h"

#include <QAbstractTableModel>
#include <QColor>

namespace bulkhead {

/** The colour that marks a severity in tables and on the canvas (readable on light and dark). */
QColor severityColor(Severity severity);

class AnalysisController;
struct Threat;

/** The current analysis as a table: one row per threat, in the analysis's order. */
class ThreatTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        StrideColumn,
        TitleColumn,
        SubjectColumn,
        LikelihoodColumn,
        ImpactColumn,
        SeverityColumn,
        StatusColumn,
        ConfirmColumn,
        MitigationsColumn,
        ColumnCount
    };
    /** Roles for filtering and sorting (the display text is not sortable by meaning). */
    enum Role {
        ThreatIdRole = Qt::UserRole + 1,
        SubjectIdRole,
        SortRole,
        PrimaryStrideRole,    ///< QChar
        ResidualSeverityRole, ///< int, Severity
        StatusRole,           ///< int, ThreatStatus
        OpenRole,             ///< bool
        SearchTextRole,       ///< id, title, subject name and kind in one string
    };

    explicit ThreatTableModel(AnalysisController *analysis, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    /** What a column means, for its header and cells: status versus residual severity. */
    static QString columnToolTip(int section);

    /** The row of a threat id, or -1. */
    int rowOf(const QString &threatId) const;

private:
    const Threat &threatAt(int row) const;

    AnalysisController *m_analysis;
};

} // namespace bulkhead
