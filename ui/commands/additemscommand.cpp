#include "additemscommand.h"

#include "document.h"

namespace bulkhead {

AddItemsCommand::AddItemsCommand(Document *document, ItemSnapshot items, const QString &text,
                                 QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_items(std::move(items))
{}

void AddItemsCommand::redo()
{
    insertSnapshot(*m_document, m_items);
}

void AddItemsCommand::undo()
{
    removeSnapshot(*m_document, m_items);
}

} // namespace bulkhead
