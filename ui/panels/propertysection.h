#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;
class QToolButton;

namespace bulkhead {

/**
 * One collapsible section of the property editor: a header button with the title, and a form
 * of labelled rows below it. A filter shows only the rows whose label or key contains it, and
 * opens the section while it holds a match, without changing whether the user collapsed it.
 */
class PropertySection : public QWidget
{
    Q_OBJECT

public:
    PropertySection(const QString &title, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    QFormLayout *form() const { return m_form; }
    /** The header button, for tests. */
    QToolButton *header() const { return m_header; }

    /** A labelled row that the filter matches by its label and its `key`. */
    void addRow(QLabel *label, QWidget *field, const QString &key);
    /** A full-width note, shown only while no filter applies. */
    void addNote(QWidget *note);

    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed);
    /** Shows the rows matching `text` (all when empty); returns how many are shown. */
    int setFilter(const QString &text);

Q_SIGNALS:
    /** The user opened or closed the section. */
    void collapsedChanged(bool collapsed);

private:
    struct Row
    {
        QLabel *label = nullptr;
        QWidget *field = nullptr;
        QString key;
    };

    void updateBody();

    QString m_title;
    QToolButton *m_header = nullptr;
    QWidget *m_body = nullptr;
    QFormLayout *m_form = nullptr;
    std::vector<Row> m_rows;
    std::vector<QWidget *> m_notes;
    QString m_filter;
    bool m_collapsed = false;
};

} // namespace bulkhead
