#include "setflowinitiatorcommand.h"

#include "document.h"

namespace bulkhead {

namespace {

FlowInitiator other(FlowInitiator initiator)
{
    return initiator == FlowInitiator::Source ? FlowInitiator::Target : FlowInitiator::Source;
}

} // namespace

SetFlowInitiatorCommand::SetFlowInitiatorCommand(Document *document, const QString &id,
                                                 FlowInitiator initiator, QUndoCommand *parent)
    : ChangeValueCommand(document, {id}, {other(initiator)}, initiator, &Document::setFlowInitiator,
                         initiator == FlowInitiator::Target
                             ? QObject::tr("Connection opened by the flow's target")
                             : QObject::tr("Connection opened by the flow's source"),
                         parent)
{}

} // namespace bulkhead
