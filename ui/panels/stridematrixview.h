#pragma once

#include "core/registerentry.h"

#include <QChar>
#include <QColor>
#include <QModelIndex>
#include <QString>
#include <QStringList>
#include <QTableView>

#include <optional>

class QSortFilterProxyModel;

namespace bulkhead {

class AnalysisController;
class StrideMatrixModel;

/**
 * The STRIDE matrix: one row per subject (element, boundary, flow, the model) that has threats,
 * one column per STRIDE letter and a total, as buildStrideMatrix() computes it for the reports
 * too: a threat counts under every letter it carries, bold cells hold a threat's primary letter,
 * and the total counts each threat once. A cell is shaded by the worst open residual severity
 * in it (palette colours, Critical strongest) and lists its threats' ids in its tooltip. Sortable by any column; double-clicking a cell
 * emits subjectActivated() with the cell's letter (a null QChar for the name, kind and total).
 *
 * Follows the analysis controller; keeps subject ids, never Threat pointers.
 */
class StrideMatrixView : public QTableView
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KindColumn,
        FirstStrideColumn,
        TotalColumn = FirstStrideColumn + 6,
        ColumnCount
    };

    explicit StrideMatrixView(AnalysisController *analysis, QWidget *parent = nullptr);
    ~StrideMatrixView() override;

    /** The column of a STRIDE letter ("STRIDE"), TotalColumn for a null QChar, or -1. */
    static int columnFor(QChar stride);

    /** Subject ids in the order shown (after sorting). */
    QStringList subjectIds() const;
    /** Open threats of the subject that carry the letter; a null QChar counts each threat once. */
    int openCount(const QString &subjectId, QChar stride) const;
    /** The worst open residual severity in the cell; nullopt for an empty cell. */
    std::optional<Severity> worstSeverity(const QString &subjectId, QChar stride) const;
    /** The cell's background colour (invalid when unshaded). */
    QColor cellColor(const QString &subjectId, QChar stride) const;
    /** The view index of a cell, or an invalid index. */
    QModelIndex indexFor(const QString &subjectId, QChar stride) const;

Q_SIGNALS:
    void subjectActivated(const QString &subjectId, QChar stride);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void onDoubleClicked(const QModelIndex &index);

    AnalysisController *m_analysis;
    StrideMatrixModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace bulkhead
