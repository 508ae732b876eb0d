# errors-channels
