#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace bulkhead {

class ComparisonController;

/**
 * The comparison's side list: a summary line, then the differences grouped as items,
 * register, model properties and threats, each entry marked +, − or ~ like the canvas. An
 * entry that names a diagram item (or a threat's subject) asks for it to be shown.
 */
class ComparisonDock : public QWidget
{
    Q_OBJECT

public:
    /** Data roles of the list's entries. */
    enum Role {
        IdRole = Qt::UserRole,
        /** The entry's item exists only in the other model: its ghost is shown, not selected. */
        RemovedRole,
        /** Whether the entry's id is a threat's subject (an element or a flow). */
        SubjectRole,
    };

    explicit ComparisonDock(ComparisonController *comparison, QWidget *parent = nullptr);

    QLabel *summary() const { return m_summary; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *endButton() const { return m_end; }

Q_SIGNALS:
    /** Show this item of the document (select it) or, when `removed`, its ghost. */
    void itemActivated(const QString &id, bool removed);
    /** Show the subject of a threat entry: an element or flow, or the ghost of a removed one. */
    void threatSubjectActivated(const QString &subjectId);
    void endRequested();

private:
    void refresh();
    void onEntryActivated(QTreeWidgetItem *entry);
    QTreeWidgetItem *addSection(const QString &title, int count);
    void addRegisterAndMetadata();
    void addThreatChanges();

    ComparisonController *m_comparison;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPushButton *m_end;
};

} // namespace bulkhead
