#pragma once

#include "changevaluecommand.h"

#include <QString>

namespace bulkhead {

/** Renames an element, boundary or flow. */
class RenameItemCommand : public ChangeValueCommand<QString>
{
public:
    RenameItemCommand(Document *document, const QString &id, const QString &name,
                      QUndoCommand *parent = nullptr);
};

} // namespace bulkhead
