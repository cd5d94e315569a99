//! Syntax trees built directly, for the parts rendered once per operation. Parsing quoted
//! tokens back into a tree costs more than everything else the renderer does, so the hot
//! paths build the same trees `syn` would parse from the tokens they replace, so the printed
//! output is unchanged (`cargo xtask codegen --check` and the snapshot tests hold it there).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Stmt, Type};

use crate::model::Ty;

/// A path such as `runtime::Param::path`; segments may be raw (`r#type`).
pub fn path(text: &str) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: text
            .split("::")
            .map(|s| syn::PathSegment::from(id(s)))
            .collect(),
    }
}

/// A path whose last segment has generic arguments: `Vec<T>`, `runtime::Error<E>`.
pub fn generic_path(text: &str, args: Vec<Type>) -> syn::Path {
    let mut p = path(text);
    if let Some(last) = p.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    p
}

pub fn path_ty(text: &str) -> Type {
    Type::Path(syn::TypePath {
        qself: None,
        path: path(text),
    })
}

pub fn generic_ty(text: &str, args: Vec<Type>) -> Type {
    Type::Path(syn::TypePath {
        qself: None,
        path: generic_path(text, args),
    })
}

pub fn ref_ty(elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// The Rust type of a model type (as [`super::tokens::ty`], as a tree).
pub fn ty(t: &Ty) -> Type {
    match t {
        Ty::String => path_ty("String"),
        Ty::Secret => path_ty("runtime::Secret"),
        Ty::I32 => path_ty("i32"),
        Ty::I64 => path_ty("i64"),
        Ty::F64 => path_ty("f64"),
        Ty::Bool => path_ty("bool"),
        Ty::Unit => Type::Tuple(syn::TypeTuple {
            paren_token: Default::default(),
            elems: Punctuated::new(),
        }),
        Ty::Vec(inner) => generic_ty("Vec", vec![ty(inner)]),
        Ty::Named(n) => path_ty(n),
        Ty::Nullable(inner) => generic_ty("Option", vec![ty(inner)]),
    }
}

pub fn expr_path(text: &str) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(text),
    })
}

pub fn lit(l: Literal) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(l),
    })
}

pub fn str_lit(s: &str) -> Expr {
    lit(Literal::string(s))
}

/// `f(args)` for a path `f`.
pub fn call(f: &str, args: Vec<Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(expr_path(f)),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args)`.
pub fn method_call(receiver: Expr, method: &str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: id(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `&expr`.
pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `&[items]`.
pub fn ref_array(items: Vec<Expr>) -> Expr {
    reference(Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: items.into_iter().collect(),
    }))
}

/// `base.name`.
pub fn field(base: Expr, name: &str) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: syn::Member::Named(id(name)),
    })
}

/// `Some(expr)`.
pub fn some(expr: Expr) -> Expr {
    call("Some", vec![expr])
}

/// `let name = init;`
pub fn local(name: &str, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: ident_pat(name),
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// A block of statements.
pub fn block(stmts: Vec<Stmt>) -> syn::Block {
    syn::Block {
        brace_token: Default::default(),
        stmts,
    }
}

/// `expr;`
pub fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// An expression statement without semicolon (`if`, `for`, or a block's value).
pub fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// A plain binding pattern: `v`, `mut self`-less.
pub fn ident_pat(name: &str) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: id(name),
        subpat: None,
    })
}

/// `name: ty` as a function argument.
pub fn arg(name: &str, t: Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(ident_pat(name)),
        colon_token: Default::default(),
        ty: Box::new(t),
    })
}

/// `&self` (`mutable`: `mut self`).
pub fn receiver(by_ref: bool) -> syn::FnArg {
    let self_ty = path_ty("Self");
    syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        reference: by_ref.then(|| (Default::default(), None)),
        mutability: (!by_ref).then(Default::default),
        self_token: Default::default(),
        colon_token: None,
        ty: Box::new(if by_ref { ref_ty(self_ty) } else { self_ty }),
    })
}

/// A `pub fn` (or `pub async fn`) in an impl block.
pub struct Func {
    pub attrs: Vec<syn::Attribute>,
    pub public: bool,
    pub asyncness: bool,
    pub name: syn::Ident,
    pub generics: syn::Generics,
    pub inputs: Vec<syn::FnArg>,
    pub output: Option<Type>,
    pub body: Vec<Stmt>,
}

impl Func {
    pub fn new(name: syn::Ident, inputs: Vec<syn::FnArg>, output: Option<Type>) -> Self {
        Self {
            attrs: Vec::new(),
            public: true,
            asyncness: false,
            name,
            generics: syn::Generics::default(),
            inputs,
            output,
            body: Vec::new(),
        }
    }

    pub fn build(self) -> syn::ImplItem {
        syn::ImplItem::Fn(syn::ImplItemFn {
            attrs: self.attrs,
            vis: if self.public {
                syn::Visibility::Public(Default::default())
            } else {
                syn::Visibility::Inherited
            },
            defaultness: None,
            sig: syn::Signature {
                constness: None,
                asyncness: self.asyncness.then(Default::default),
                unsafety: None,
                abi: None,
                fn_token: Default::default(),
                ident: self.name,
                generics: self.generics,
                paren_token: Default::default(),
                inputs: self.inputs.into_iter().collect(),
                variadic: None,
                output: match self.output {
                    Some(t) => syn::ReturnType::Type(Default::default(), Box::new(t)),
                    None => syn::ReturnType::Default,
                },
            },
            block: block(self.body),
        })
    }
}

/// An attribute `#[name(tokens)]`; its tokens are kept as they are (never parsed).
pub fn list_attr(name: &str, tokens: TokenStream) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::List(syn::MetaList {
            path: path(name),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        }),
    }
}

/// An identifier, raw (`r#type`) when the model says so.
pub fn id(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `impl [Trait for] Type { items }`.
pub fn impl_block(trait_: Option<&str>, self_ty: &str, items: Vec<syn::ImplItem>) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: syn::Generics::default(),
        trait_: trait_.map(|t| (None, path(t), Default::default())),
        self_ty: Box::new(path_ty(self_ty)),
        brace_token: Default::default(),
        items,
    })
}
