#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

class QListWidget;

namespace bulkhead {

/** One example model compiled into the application. */
struct BundledExample
{
    QString resourcePath; ///< ":/examples/…"
    QString title;        ///< the model's title, else the file name
    QString description;
};

/** Every example file compiled in, in file-name order. */
QStringList exampleResourcePaths();

/** The examples compiled in that load, in file-name order. */
QList<BundledExample> bundledExamples();

/**
 * File → Open Example → Browse Examples…, and the empty canvas's "Open an Example": every
 * example with its description in full, so a new user can pick one without hovering.
 */
class ExamplesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExamplesDialog(QWidget *parent = nullptr);

    /** The chosen example's resource path; empty when none is selected. */
    QString selectedPath() const;

private:
    QListWidget *m_list;
};

} // namespace bulkhead
