//! ModemManager channel (mmcli). (Being written.)
