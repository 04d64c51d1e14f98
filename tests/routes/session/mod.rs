mod delete;
mod get;
mod post;
