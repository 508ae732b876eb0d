//! certbot-style hooks and notifications. (Being written.)
