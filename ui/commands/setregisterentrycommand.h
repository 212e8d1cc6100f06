#pragma once

#include "changevaluecommand.h"
#include "core/registerentry.h"

#include <optional>
#include <utility>
#include <vector>

namespace bulkhead {

/** A threat's register entry, or its absence, as the register commands change it. */
using OptionalRegisterEntry = std::optional<RegisterEntry>;

/**
 * Records a reviewer's decision on a threat — status, justification, owner, severity
 * override, notes — as one step. Undo restores the previous entry, or its absence.
 */
class SetRegisterEntryCommand : public ChangeValueCommand<OptionalRegisterEntry>
{
public:
    SetRegisterEntryCommand(Document *document, RegisterEntry entry, const QString &text,
                            QUndoCommand *parent = nullptr);
};

/** Deletes register entries (stale decisions the reviewer no longer wants) in one step. */
class RemoveRegisterEntriesCommand : public ChangeValueCommand<OptionalRegisterEntry>
{
public:
    RemoveRegisterEntriesCommand(Document *document, const QStringList &threatIds,
                                 QUndoCommand *parent = nullptr);

private:
    /** The ids that have an entry, and their entries. */
    using Existing = std::pair<QStringList, std::vector<OptionalRegisterEntry>>;
    RemoveRegisterEntriesCommand(Document *document, Existing existing, int requested,
                                 QUndoCommand *parent);
};

} // namespace bulkhead
