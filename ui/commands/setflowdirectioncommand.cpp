#include "setflowdirectioncommand.h"

#include "document.h"

namespace bulkhead {

SetFlowDirectionCommand::SetFlowDirectionCommand(Document *document, const QString &id,
                                                 bool bidirectional, QUndoCommand *parent)
    : ChangeValueCommand(
        document, {id}, {!bidirectional}, bidirectional, &Document::setFlowBidirectional,
        bidirectional ? QObject::tr("Make flow two-way") : QObject::tr("Make flow one-way"), parent)
{}

} // namespace bulkhead
