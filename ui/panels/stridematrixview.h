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
 * The STRIDE matrix: one row per element, boundary or flow that has threats, one column per
 * STRIDE letter and a total. A cell counts the subject's open threats whose primary letter it
 * is, is shaded by the worst open residual severity among them (palette colours, Critical
 * strongest) and lists their ids in its tooltip. Sortable by any column; double-clicking a cell
 * emits subjectActivated() with the cell's letter (a null QChar for the name, kind and total).
 *
 * Follows the analysis controller; keeps subject ids, never Threat pointers.
 */
class StrideMatrixView : public QTableView
{
    Q_OBJECT

public:
    enum Column { NameColumn, KindColumn, FirstStrideColumn, TotalColumn = FirstStrideColumn + 6,
                  ColumnCount };

    explicit StrideMatrixView(AnalysisController *analysis, QWidget *parent = nullptr);
    ~StrideMatrixView() override;

    /** The column of a STRIDE letter ("STRIDE"), TotalColumn for a null QChar, or -1. */
    static int columnFor(QChar stride);

    /** Subject ids in the order shown (after sorting). */
    QStringList subjectIds() const;
    /** Open threats of the subject with that primary letter; a null QChar counts all. */
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
