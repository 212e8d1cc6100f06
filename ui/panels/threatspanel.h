#pragma once

#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QToolButton;

namespace bulkhead {

class AnalysisController;
class ThreatTableModel;

/** Filters for the threat table: STRIDE letters, severity, status, element and text. */
class ThreatFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setStrideLetters(const QString &letters);
    /** Residual severity at least this (Severity as int), or -1 for all. */
    void setMinimumSeverity(int severity);
    /** -1 all, -2 open only (open or needs investigation), else a ThreatStatus. */
    void setStatus(int status);
    /** Only threats of these subjects; empty for all. */
    void setSubjects(const QStringList &subjectIds);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_letters = QStringLiteral("STRIDE");
    int m_minimumSeverity = -1;
    int m_status = -1;
    QStringList m_subjects;
    QString m_text;
};

/**
 * The threat dock: the live threat table with its filters and counts, manual threats, and the
 * register's stale decisions.
 */
class ThreatsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ThreatsPanel(AnalysisController *analysis, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    ThreatFilterModel *filter() const { return m_filter; }
    ThreatTableModel *model() const { return m_model; }
    QLabel *countsLabel() const { return m_counts; }
    QListWidget *staleList() const { return m_stale; }
    QCheckBox *followSelection() const { return m_follow; }
    QToolButton *strideButton(QChar letter) const;
    QComboBox *severityFilter() const { return m_severity; }
    QComboBox *statusFilter() const { return m_status; }
    QLineEdit *searchField() const { return m_search; }

    QString currentThreatId() const;
    void selectThreat(const QString &threatId);
    /** The first threat of any of these subjects as the table lists them; empty if none. */
    QString firstThreatOf(const QStringList &subjectIds) const;
    /** The canvas selection, for "only the selected elements". */
    void setCanvasSelection(const QStringList &ids);

Q_SIGNALS:
    void threatSelected(const QString &threatId);

private:
    void setUpTable();
    QHBoxLayout *createFilterBar();
    QWidget *createStaleBox();
    void connectControls();
    void applyStride();
    void updateCounts();
    void refreshStale();
    void addManualThreat();
    void removeManualThreat();

    AnalysisController *m_analysis;
    ThreatTableModel *m_model;
    ThreatFilterModel *m_filter;
    QTableView *m_table;
    QLabel *m_counts;
    QLineEdit *m_search;
    QComboBox *m_severity;
    QComboBox *m_status;
    QCheckBox *m_follow;
    QList<QToolButton *> m_strideButtons;
    QListWidget *m_stale;
    QPushButton *m_deleteStale;
    QLabel *m_staleTitle;
    QPushButton *m_removeManual;
    QStringList m_canvasSelection;
    QString m_selectedId;
};

} // namespace bulkhead
