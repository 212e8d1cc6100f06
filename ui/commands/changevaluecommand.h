#pragma once

#include <QStringList>
#include <QUndoCommand>

#include <cassert>
#include <functional>
#include <utility>
#include <vector>

namespace bulkhead {

class Document;

/**
 * Gives one or more items the same new value in one step; undo gives each its own old value
 * back. The edits that differ only in which value they change (name, flow direction, a
 * property, a register entry) are this command with another setter and their own text.
 */
template<typename T>
class ChangeValueCommand : public QUndoCommand
{
public:
    /** Sets an item's value through the document, which announces the change. */
    using Setter = std::function<void(Document &document, const QString &id, const T &value)>;

    /** `oldValues` holds each of `ids`' current value, in the same order. */
    ChangeValueCommand(Document *document, QStringList ids, std::vector<T> oldValues, T newValue,
                       Setter setter, const QString &text, QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_document(document)
        , m_ids(std::move(ids))
        , m_oldValues(std::move(oldValues))
        , m_newValue(std::move(newValue))
        , m_set(std::move(setter))
    {
        assert(std::size_t(m_ids.size()) == m_oldValues.size());
    }

    void redo() override
    {
        for (const QString &id : std::as_const(m_ids))
            m_set(*m_document, id, m_newValue);
    }

    void undo() override
    {
        for (std::size_t i = 0; i < m_oldValues.size(); ++i)
            m_set(*m_document, m_ids[qsizetype(i)], m_oldValues[i]);
    }

private:
    Document *m_document;
    QStringList m_ids;
    std::vector<T> m_oldValues;
    T m_newValue;
    Setter m_set;
};

} // namespace bulkhead
