#pragma once

#include "changevaluecommand.h"

#include "core/flow.h"

#include <QString>

namespace bulkhead {

/** Says which end of a flow opens its connection. */
class SetFlowInitiatorCommand : public ChangeValueCommand<FlowInitiator>
{
public:
    SetFlowInitiatorCommand(Document *document, const QString &id, FlowInitiator initiator,
                            QUndoCommand *parent = nullptr);
};

} // namespace bulkhead
