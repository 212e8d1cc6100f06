#include "setflowdirectioncommand.h"

#include "document.h"

namespace bulkhead {

SetFlowDirectionCommand::SetFlowDirectionCommand(Document *document, const QString &id,
                                                 bool bidirectional, QUndoCommand *parent)
    : QUndoCommand(bidirectional ? QObject::tr("Make flow two-way") : QObject::tr("Make flow one-way"),
                   parent)
    , m_document(document)
    , m_id(id)
    , m_bidirectional(bidirectional)
{}

void SetFlowDirectionCommand::redo()
{
    m_document->setFlowBidirectional(m_id, m_bidirectional);
}

void SetFlowDirectionCommand::undo()
{
    m_document->setFlowBidirectional(m_id, !m_bidirectional);
}

} // namespace bulkhead
