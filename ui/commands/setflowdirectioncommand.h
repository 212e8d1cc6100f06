#pragma once

#include "changevaluecommand.h"

#include <QString>

namespace bulkhead {

/** Makes a flow one-way or two-way. */
class SetFlowDirectionCommand : public ChangeValueCommand<bool>
{
public:
    SetFlowDirectionCommand(Document *document, const QString &id, bool bidirectional,
                            QUndoCommand *parent = nullptr);
};

} // namespace bulkhead
