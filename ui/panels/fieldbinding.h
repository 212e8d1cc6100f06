#pragma once

#include <QObject>

#include <functional>

class QLineEdit;
class QPlainTextEdit;
class QWidget;

namespace bulkhead {

/**
 * How a panel's text fields hand what was typed to the document: a field commits when the user
 * leaves it or presses Enter (Ctrl+Enter in a multi-line field, where Enter starts a new
 * line), and Escape takes back what was typed there since the last commit. The commit pushes
 * the panel's undo command; the revert shows the stored value again. Undo and Redo in a field
 * with nothing typed since the last commit are the document's (its window's shortcuts), not the
 * field's own text history.
 *
 * The binding is a child of its field and lives as long as it does. A panel that deletes
 * fields, or is being destroyed, releases their bindings first (releaseAll) so that a field
 * losing the focus on its way out commits nothing.
 */
class FieldBinding : public QObject
{
    Q_OBJECT

public:
    using Action = std::function<void()>;

    /** Commits on Enter or on leaving the field; Escape reverts when the text was edited. */
    static FieldBinding *bind(QLineEdit *field, Action commit, Action revert);
    /** Commits on Ctrl+Enter or on leaving the field; Escape reverts when the text was edited. */
    static FieldBinding *bind(QPlainTextEdit *field, Action commit, Action revert);

    /**
     * Commits the field that has the focus when it is a bound field under `root`, as leaving it
     * would. Returns whether there was one.
     */
    static bool commitFocused(const QWidget *root);
    /** The bindings of the fields under `root` commit and revert nothing from now on. */
    static void releaseAll(const QObject *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    FieldBinding(QWidget *field, Action commit, Action revert);
    bool isModified() const;
    void commit();
    void revert();

    QLineEdit *m_line = nullptr;
    QPlainTextEdit *m_text = nullptr;
    Action m_commit;
    Action m_revert;
    bool m_released = false;
};

} // namespace bulkhead
