#include "moveitemscommand.h"

#include "commandids.h"
#include "document.h"

namespace bulkhead {

MoveItemsCommand::MoveItemsCommand(Document *document, std::vector<ItemMove> moves,
                                   const QString &text, bool mergeable, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_moves(std::move(moves))
    , m_mergeable(mergeable)
{}

void MoveItemsCommand::redo()
{
    for (const ItemMove &move : m_moves) {
        m_document->setGeometry(move.id, move.to);
        if (move.newContainer != move.oldContainer)
            m_document->setContainer(move.id, move.newContainer);
    }
}

void MoveItemsCommand::undo()
{
    for (auto it = m_moves.rbegin(); it != m_moves.rend(); ++it) {
        if (it->newContainer != it->oldContainer)
            m_document->setContainer(it->id, it->oldContainer);
    }
    // Geometry in the order redo() applies it, a boundary before what it holds: the canvas
    // places an item relative to its boundary's item, so a child placed first would then be
    // carried along by its boundary's move back.
    for (const ItemMove &move : m_moves)
        m_document->setGeometry(move.id, move.from);
}

int MoveItemsCommand::id() const
{
    return m_mergeable ? MoveItemsCommandId : -1;
}

bool MoveItemsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const MoveItemsCommand *>(other);
    if (!next->m_mergeable || next->m_moves.size() != m_moves.size())
        return false;
    for (std::size_t i = 0; i < m_moves.size(); ++i) {
        if (m_moves[i].id != next->m_moves[i].id)
            return false;
    }
    for (std::size_t i = 0; i < m_moves.size(); ++i) {
        m_moves[i].to = next->m_moves[i].to;
        m_moves[i].newContainer = next->m_moves[i].newContainer;
    }
    return true;
}

} // namespace bulkhead
