//! Reference pages in Chinese, read table first: our own small pages (no vendor text), one
//! operation each, in HTML and in Markdown, with captioned parameter tables whose headers,
//! required flags and types are Chinese words (`参数 | 是否必选 | 参数类型 | 描述`, `是`/`否`,
//! `整数`, `长整型` …), a response table under its status line, request and response
//! examples and a status code table. Each draft validates, takes location, required flag and
//! type from the tables, keeps response members out of the parameters, says `language: zh`,
//! and its citations hold against the page (and fail against it moved down a line).

use spec::format::{Kind, Location, Spec};

/// A query operation in the shape of an HTML export.
const HTML_LIST: &str = r#"<html><head><title>查询小部件列表</title></head>
<body>
<h1>查询小部件列表</h1>
<div class="section"><h4>功能介绍</h4>
<p>列出一个项目里的全部小部件，按创建时间排序。</p>
</div>
<div class="section"><h4>URI</h4>
<p>GET /v2/{project_id}/gadgets</p>
<table><caption><b>表1 </b>路径参数</caption>
<thead><tr><th>参数</th>
<th>是否必选</th>
<th>参数类型</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>project_id</p></td>
<td><p>是</p></td>
<td><p>字符串</p></td>
<td><p>小部件所在项目的编号。</p></td></tr>
</tbody></table>
<table><caption><b>表2 </b>Query参数</caption>
<thead><tr><th>参数</th>
<th>是否必选</th>
<th>参数类型</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>limit</p></td>
<td><p>否</p></td>
<td><p>整数</p></td>
<td><p>一页最多列出几个。</p><p>取值范围：1~100</p></td></tr>
<tr><td><p>with_parts</p></td>
<td><p>否</p></td>
<td><p>布尔</p></td>
<td><p>是否一并列出零件。</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4>请求参数</h4>
<table><caption><b>表3 </b>请求Header参数</caption>
<thead><tr><th>参数</th>
<th>是否必选</th>
<th>参数类型</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>X-Auth-Token</p></td>
<td><p>是</p></td>
<td><p>字符串</p></td>
<td><p>调用者的令牌。</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4>响应参数</h4>
<p><strong>状态码： 200</strong></p>
<table><caption><b>表4 </b>响应Body参数</caption>
<thead><tr><th>参数</th>
<th>参数类型</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>total</p></td>
<td><p>整数</p></td>
<td><p>小部件的个数。</p></td></tr>
<tr><td><p>bytes_used</p></td>
<td><p>长整型</p></td>
<td><p>小部件一共占用的字节数。</p></td></tr>
<tr><td><p>owner</p></td>
<td><p>字符串</p></td>
<td><p>负责人的名字。</p></td></tr>
</tbody></table>
<p><strong>状态码： 404</strong></p>
<table><caption><b>表5 </b>响应Body参数</caption>
<thead><tr><th>参数</th>
<th>参数类型</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>error_code</p></td>
<td><p>字符串</p></td>
<td><p>出错时的代码。</p></td></tr>
<tr><td><p>error_msg</p></td>
<td><p>字符串</p></td>
<td><p>出错的原因。</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4>请求示例</h4>
<pre class="screen">GET https://{endpoint}/v2/{project_id}/gadgets?limit=20&amp;with_parts=true</pre>
</div>
<div class="section"><h4>响应示例</h4>
<p><strong>状态码： 200</strong></p>
<pre class="screen">{
  "total" : 2,
  "bytes_used" : 6000000000,
  "owner" : "ops"
}</pre>
<p><strong>状态码： 404</strong></p>
<pre class="screen">{
  "error_code" : "GDG.0404",
  "error_msg" : "没有这个项目"
}</pre>
</div>
<div class="section"><h4>状态码</h4>
<table><thead><tr><th>状态码</th>
<th>描述</th></tr></thead>
<tbody><tr><td><p>200</p></td>
<td><p>列出成功。</p></td></tr>
<tr><td><p>404</p></td>
<td><p>项目不存在。</p></td></tr>
</tbody></table>
</div>
</body></html>
"#;

/// A create operation in Markdown: a body table, a response table, both examples.
const MD_CREATE: &str = "# 创建小部件

## URI

POST /v2/{project_id}/gadgets

表1 路径参数

| 参数 | 是否必选 | 参数类型 | 描述 |
|---|---|---|---|
| project_id | 是 | 字符串 | 项目编号。 |

## 请求参数

表2 请求Header参数

| 参数 | 是否必选 | 参数类型 | 描述 |
|---|---|---|---|
| X-Auth-Token | 是 | 字符串 | 调用者的令牌。 |

表3 请求Body参数

| 参数 | 是否必选 | 参数类型 | 描述 |
|---|---|---|---|
| name | 是 | 字符串 | 小部件的名字。 |
| capacity | 否 | 长整型 | 容量，单位字节。 |
| shared | 否 | 布尔 | 是否共享给其他项目。 |

## 响应参数

状态码： 201

表4 响应Body参数

| 参数 | 参数类型 | 描述 |
|---|---|---|
| id | 字符串 | 新小部件的编号。 |
| state | 字符串 | 创建后的状态。 |

状态码： 400

表5 响应Body参数

| 参数 | 参数类型 | 描述 |
|---|---|---|
| error_code | 字符串 | 出错时的代码。 |
| error_msg | 字符串 | 出错的原因。 |

## 请求示例

```
POST https://{endpoint}/v2/{project_id}/gadgets

{
  \"name\" : \"g1\",
  \"capacity\" : 5000000000,
  \"shared\" : false
}
```

## 响应示例

状态码： 201

```
{
  \"id\" : \"a1b2\",
  \"state\" : \"ready\"
}
```

## 状态码

| 状态码 | 描述 |
|---|---|
| 201 | 已创建。 |
| 400 | 参数有误。 |
";

/// The draft of `text` as page `file`: it validates, and its citations hold against the
/// page and fail against it moved down one line.
fn drafted(file: &str, text: &str) -> Spec {
    let page = draft::Page::from_bytes(file, text.as_bytes()).expect("page");
    let d = draft::draft(&page, Some("sample"));
    assert!(d.problems.is_empty(), "{}\n{}", d.problems.framed(), d.yaml);
    let dir = std::env::temp_dir().join(format!("draft-zh-{}-{file}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join(file), text).expect("write");
    let c = draft::score::citations(file, &d.yaml, &dir).expect("checked");
    assert_eq!(c.uncited, 0, "{}", d.yaml);
    assert!(c.lines > 0);
    assert_eq!(c.hold, c.lines, "{file}: {:?}\n{}", c.problems, d.yaml);
    std::fs::write(dir.join(file), format!("\n{text}")).expect("write");
    let moved = draft::score::citations(file, &d.yaml, &dir).expect("checked");
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        moved.hold < moved.lines,
        "citations that hold anywhere prove nothing"
    );
    d.spec
}

/// (name, location, required, kind) of each parameter.
fn params(spec: &Spec) -> Vec<(String, Location, bool, Kind)> {
    spec.operations[0]
        .request
        .parameters
        .iter()
        .map(|p| (p.name.clone(), p.location, p.required, p.schema.kind))
        .collect()
}

/// The members of the success response's type.
fn response_fields(spec: &Spec) -> Vec<(String, Kind)> {
    let op = &spec.operations[0];
    let name = op
        .response
        .schema
        .reference
        .as_deref()
        .expect("a named response type");
    spec.types[name]
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.schema.kind))
        .collect()
}

#[test]
fn an_html_reference_page_in_chinese_drafts_table_first() {
    let spec = drafted("list_gadgets.html", HTML_LIST);
    assert_eq!(spec.provider.sources[0].language, "zh");
    let op = &spec.operations[0];
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("GET", "/v2/{project_id}/gadgets")
    );
    assert_eq!(
        params(&spec),
        [
            ("project_id".into(), Location::Path, true, Kind::String),
            ("limit".into(), Location::Query, false, Kind::Integer),
            ("with_parts".into(), Location::Query, false, Kind::Boolean),
        ]
    );
    let limit = &op.request.parameters[1].schema;
    assert_eq!((limit.minimum, limit.maximum), (Some(1), Some(100)));
    // The token header is the auth scheme, not a parameter.
    assert!(op.auth.is_some(), "{:?}", spec.auth);
    // Response members are the response's fields, never query parameters.
    assert_eq!(
        response_fields(&spec),
        [
            ("total".into(), Kind::Integer),
            ("bytes_used".into(), Kind::Long),
            ("owner".into(), Kind::String),
        ]
    );
    assert_eq!(op.response.status, 200);
    // The status table's 404 is an error case; the example keeps both of its parts.
    assert!(op.errors.iter().any(|e| e.status == 404), "{:?}", op.errors);
    let ex = op.examples.first().expect("an example");
    assert!(ex.request.is_some() && ex.response.is_some(), "{ex:?}");
}

#[test]
fn a_markdown_reference_page_in_chinese_drafts_table_first() {
    let spec = drafted("create_gadget.md", MD_CREATE);
    assert_eq!(spec.provider.sources[0].language, "zh");
    let op = &spec.operations[0];
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("POST", "/v2/{project_id}/gadgets")
    );
    assert_eq!(
        params(&spec),
        [
            ("project_id".into(), Location::Path, true, Kind::String),
            ("name".into(), Location::Body, true, Kind::String),
            ("capacity".into(), Location::Body, false, Kind::Long),
            ("shared".into(), Location::Body, false, Kind::Boolean),
        ]
    );
    assert!(op.auth.is_some(), "{:?}", spec.auth);
    assert_eq!(
        response_fields(&spec),
        [("id".into(), Kind::String), ("state".into(), Kind::String)]
    );
    assert_eq!(op.response.status, 201);
    assert!(op.errors.iter().any(|e| e.status == 400), "{:?}", op.errors);
    let ex = op.examples.first().expect("an example");
    assert!(ex.request.is_some() && ex.response.is_some(), "{ex:?}");
}

#[test]
fn both_pages_draft_as_one_tree() {
    let dir = std::env::temp_dir().join(format!("draft-zh-tree-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("api")).expect("mkdir");
    std::fs::write(dir.join("api/list_gadgets.html"), HTML_LIST).expect("write");
    std::fs::write(dir.join("api/create_gadget.md"), MD_CREATE).expect("write");
    let t = draft::tree::draft_tree(&dir, "gadgets").expect("drafted");
    let c = draft::score::citations("the tree", &t.draft.yaml, &dir).expect("checked");
    std::fs::remove_dir_all(&dir).ok();
    assert!(t.draft.problems.is_empty(), "{}", t.draft.problems.framed());
    let spec = &t.draft.spec;
    assert_eq!(spec.operations.len(), 2, "{:?}", t.skipped);
    assert!(spec.provider.sources.iter().all(|s| s.language == "zh"));
    assert_eq!(c.hold, c.lines, "{:?}\n{}", c.problems, t.draft.yaml);
}

#[test]
fn a_page_without_captions_keeps_response_members_out_of_the_parameters() {
    // No caption says where rows go: the page is scanned, its headings in Chinese set the
    // sections (a table and a block under `响应` are the response's).
    let text = "# 查询风筝\n\n用编号查询一只风筝的颜色与长度。\n\nGET /v1/kites?kite_id={kite_id}\n\n\
         | 参数 | 参数类型 | 是否必选 |\n|---|---|---|\n| kite_id | 字符串 | 是 |\n| verbose | 布尔 | 否 |\n\n\
         ## 响应参数\n\n| 参数 | 参数类型 | 是否必选 |\n|---|---|---|\n| colour | 字符串 | 是 |\n| length | 整数 | 否 |\n\n\
         ## 响应示例\n\n状态码： 200\n\n```\n{\n  \"colour\": \"red\",\n  \"length\": 3\n}\n```\n";
    let spec = drafted("kite.md", text);
    assert_eq!(spec.provider.sources[0].language, "zh");
    assert_eq!(
        params(&spec),
        [
            ("kite_id".into(), Location::Query, true, Kind::String),
            ("verbose".into(), Location::Query, false, Kind::Boolean),
        ]
    );
    let op = &spec.operations[0];
    assert_eq!(op.response.status, 200);
    let fields = response_fields(&spec);
    assert_eq!(
        fields.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["colour", "length"]
    );
}
