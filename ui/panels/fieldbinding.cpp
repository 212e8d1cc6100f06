#include "fieldbinding.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextDocument>

#include <utility>

namespace bulkhead {

FieldBinding::FieldBinding(QWidget *field, Action commit, Action revert)
    : QObject(field)
    , m_commit(std::move(commit))
    , m_revert(std::move(revert))
{
    field->installEventFilter(this);
}

FieldBinding *FieldBinding::bind(QLineEdit *field, Action commit, Action revert)
{
    auto *binding = new FieldBinding(field, std::move(commit), std::move(revert));
    binding->m_line = field;
    connect(field, &QLineEdit::editingFinished, binding, &FieldBinding::commit);
    return binding;
}

FieldBinding *FieldBinding::bind(QPlainTextEdit *field, Action commit, Action revert)
{
    // A multi-line field has no editingFinished: leaving it is seen by the event filter.
    auto *binding = new FieldBinding(field, std::move(commit), std::move(revert));
    binding->m_text = field;
    return binding;
}

bool FieldBinding::commitFocused(const QWidget *root)
{
    QWidget *focus = QApplication::focusWidget();
    if (!focus || !root->isAncestorOf(focus))
        return false;
    auto *binding = focus->findChild<FieldBinding *>(QString(), Qt::FindDirectChildrenOnly);
    if (!binding || binding->m_released)
        return false;
    binding->commit();
    return true;
}

void FieldBinding::releaseAll(const QObject *root)
{
    for (FieldBinding *binding : root->findChildren<FieldBinding *>()) {
        // Not deleted: a release may come from inside this binding's own commit.
        binding->m_released = true;
        if (binding->m_line)
            disconnect(binding->m_line, nullptr, binding, nullptr);
    }
}

bool FieldBinding::isModified() const
{
    return m_line ? m_line->isModified() : m_text->document()->isModified();
}

void FieldBinding::commit()
{
    if (!m_released && m_commit)
        m_commit();
}

void FieldBinding::revert()
{
    if (!m_released && m_revert)
        m_revert();
}

bool FieldBinding::eventFilter(QObject *watched, QEvent *event)
{
    if (m_released)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::FocusOut && m_text) {
        commit();
    } else if (event->type() == QEvent::ShortcutOverride) {
        // Nothing typed since the last commit: Undo and Redo are the document's. The field's
        // own history would take back typing that was already applied (and then commit that).
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo))
            && !isModified()) {
            event->ignore();
            return true;
        }
    } else if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (m_text && enter && (key->modifiers() & Qt::ControlModifier)) {
            commit();
            return true;
        }
        if (key->key() == Qt::Key_Escape && isModified()) {
            revert();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace bulkhead
