#include "setregisterentrycommand.h"

#include "document.h"

namespace bulkhead {

namespace {

OptionalRegisterEntry currentEntry(const Document &document, const std::string &threatId)
{
    const RegisterEntry *entry = document.model().findRegisterEntry(threatId);
    return entry ? OptionalRegisterEntry(*entry) : std::nullopt;
}

/** Stores the entry, or removes the threat's entry for nullopt. */
void putEntry(Document &document, const QString &threatId, const OptionalRegisterEntry &entry)
{
    if (entry)
        document.setRegisterEntry(*entry);
    else
        document.removeRegisterEntry(threatId);
}

} // namespace

SetRegisterEntryCommand::SetRegisterEntryCommand(Document *document, RegisterEntry entry,
                                                 const QString &text, QUndoCommand *parent)
    : ChangeValueCommand(document, {QString::fromStdString(entry.threat)},
                         {currentEntry(*document, entry.threat)}, entry, putEntry, text, parent)
{}

namespace {

/** The ids that have an entry, with their entries, for removing them. */
using EntriesById = std::pair<QStringList, std::vector<OptionalRegisterEntry>>;

EntriesById existingEntries(const Document &document, const QStringList &threatIds)
{
    EntriesById existing;
    for (const QString &id : threatIds) {
        if (OptionalRegisterEntry entry = currentEntry(document, id.toStdString())) {
            existing.first.append(id);
            existing.second.push_back(std::move(entry));
        }
    }
    return existing;
}

} // namespace

RemoveRegisterEntriesCommand::RemoveRegisterEntriesCommand(Document *document,
                                                           const QStringList &threatIds,
                                                           QUndoCommand *parent)
    : RemoveRegisterEntriesCommand(document, existingEntries(*document, threatIds),
                                   int(threatIds.size()), parent)
{}

RemoveRegisterEntriesCommand::RemoveRegisterEntriesCommand(Document *document, Existing existing,
                                                           int requested, QUndoCommand *parent)
    : ChangeValueCommand(document, std::move(existing.first), std::move(existing.second),
                         std::nullopt, putEntry,
                         QObject::tr("Delete %n register entries", nullptr, requested), parent)
{}

} // namespace bulkhead
