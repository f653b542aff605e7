#pragma once
// Placeholder: the SQLite catalogue (being written).
